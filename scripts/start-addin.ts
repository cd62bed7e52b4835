/**
 * `npm start`: sideload the add-in into Excel desktop with office-addin-debugging where Excel
 * desktop exists (Windows, macOS). Elsewhere say so, and serve the pane for browser mode and
 * for Excel on the web (sideload manifest.xml there by hand).
 *
 * office-addin-debugging is not a dependency: it pulls in a native keychain module that does
 * not build on Linux CI, so npx fetches it on the machines that can use it.
 */
import { spawn } from 'node:child_process';

const URL = 'https://localhost:3000/taskpane.html';

function run(cmd: string, args: string[]): void {
  const child = spawn(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.platform === 'win32' || process.platform === 'darwin') {
  run('npx', ['--yes', 'office-addin-debugging@7', 'start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server', 'npm run dev-server', '--dev-server-port', '3000']);
} else {
  console.log(
    [
      `Excel desktop is not available on ${process.platform}, so nothing is sideloaded.`,
      `Browser mode (drop an .xlsx file): ${URL}`,
      `Excel on the web: open a workbook, Home › Add-ins › More add-ins › Upload My Add-in, choose manifest.xml.`,
      'Starting the dev server…',
    ].join('\n'),
  );
  run('npm', ['run', 'dev-server']);
}
