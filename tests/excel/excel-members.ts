/**
 * Which Excel object-model members a set of TypeScript files touches, found by the type checker
 * (so `range.valuesAsJson = …` is seen whatever the variable is called): property reads and
 * writes, method calls, and the property paths named in `load('a,b/c')` / `load({ … })`.
 * Each use comes with the `[Api set: ExcelApi 1.x]` tag of the member's declaration in
 * @types/office-js.
 */
import * as ts from 'typescript';
import { join } from 'node:path';

export interface MemberUse {
  file: string;
  line: number;
  className: string;
  member: string;
  /** ExcelApi version of the member's declaration, or null when untagged / another set. */
  set: string | null;
}

const ROOT = join(__dirname, '../..');

export function excelMemberUses(files: string[]): MemberUse[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    jsx: ts.JsxEmit.ReactJSX,
    typeRoots: [join(ROOT, 'node_modules/@types')],
    types: ['office-js', 'node'],
  });
  const checker = program.getTypeChecker();
  const uses: MemberUse[] = [];
  const wanted = new Set(files.map((f) => f.replace(/\\/g, '/')));

  const excelOwner = (decl: ts.Declaration): { className: string; set: string | null } | null => {
    const cls = decl.parent;
    if (!cls || !(ts.isClassDeclaration(cls) || ts.isInterfaceDeclaration(cls)) || !cls.name) return null;
    const block = cls.parent;
    const mod = block && ts.isModuleBlock(block) ? block.parent : undefined;
    if (!mod || !ts.isModuleDeclaration(mod) || mod.name.getText() !== 'Excel') return null;
    if (!ts.isClassDeclaration(cls)) return null; // Excel.Interfaces.* and option bags are not library members
    const text = decl.getSourceFile().text.slice(decl.getFullStart(), decl.getStart());
    const set = /\[Api set: ExcelApi (1\.\d+)/.exec(text)?.[1] ?? null;
    return { className: cls.name.text, set };
  };
  const record = (node: ts.Node, sym: ts.Symbol | undefined) => {
    const decl = sym?.declarations?.[0];
    if (!decl) return;
    const owner = excelOwner(decl);
    if (!owner) return;
    const sf = node.getSourceFile();
    uses.push({ file: sf.fileName, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, className: owner.className, member: sym!.name, set: owner.set });
  };
  const elementOrSelf = (t: ts.Type): ts.Type => checker.getIndexTypeOfType(t, ts.IndexKind.Number) ?? t;
  const loadPath = (node: ts.Node, type: ts.Type, path: string[]) => {
    let t: ts.Type | undefined = type;
    for (const seg of path) {
      if (!t || seg === '' || seg.startsWith('$')) return;
      const prop: ts.Symbol | undefined = t.getProperty(seg);
      if (!prop) return;
      record(node, prop);
      t = elementOrSelf(checker.getTypeOfSymbol(prop));
    }
  };
  const loadObject = (node: ts.Node, type: ts.Type, obj: ts.ObjectLiteralExpression) => {
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p) || !p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
      const key = p.name.text;
      if (key.startsWith('$')) continue;
      const prop = type.getProperty(key);
      if (!prop) continue;
      record(node, prop);
      if (ts.isObjectLiteralExpression(p.initializer)) loadObject(node, elementOrSelf(checker.getTypeOfSymbol(prop)), p.initializer);
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      record(node, checker.getSymbolAtLocation(node.name));
      if (node.name.text === 'load' && ts.isCallExpression(node.parent) && node.parent.expression === node) {
        const receiver = checker.getTypeAtLocation(node.expression);
        for (const arg of node.parent.arguments) {
          if (ts.isStringLiteralLike(arg)) for (const p of arg.text.split(',')) loadPath(arg, receiver, p.trim().split('/'));
          else if (ts.isArrayLiteralExpression(arg)) for (const e of arg.elements) if (ts.isStringLiteralLike(e)) loadPath(e, receiver, e.text.split('/'));
          else if (ts.isObjectLiteralExpression(arg)) loadObject(arg, receiver, arg);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const sf of program.getSourceFiles()) if (wanted.has(sf.fileName)) visit(sf);
  return uses;
}

/** `1.13` > `1.9`. */
export function versionAbove(a: string, b: string): boolean {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 > b2);
}
