/**
 * What jsdom lacks and every real webview has, for the pane's screens under test: imported for
 * its effect. Fluent's MessageBar (every notice) measures itself with a ResizeObserver.
 */
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

// jsdom leaves out TextEncoder, which Node and every webview have (output names measure their bytes with it).
import { TextEncoder as NodeTextEncoder } from 'node:util';
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= NodeTextEncoder;

export {};
