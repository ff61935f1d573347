// What the web shell puts on `window` for the tests (web/src/main.ts).
export {};

declare global {
  interface Window {
    __nc?: { faults: string[]; firstScreenAt: number | null; screens: { screen: string; at: number }[] };
    __clickAt?: number;
  }
}
