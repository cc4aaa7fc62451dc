/**
 * botframework-connector's token verifier (JwtTokenExtractor.validateToken) prints every refused token with
 * `console.error`: the jsonwebtoken error with its stack, or the signing key it tried. That goes to stderr,
 * outside LOG_LEVEL and the JSON log, once per forged request. The adapter already logs each refusal by its class
 * (sampled, src/bot/refusalLog.ts), so those prints are dropped here. The SDK offers no logger option, so
 * console.error is wrapped once: only calls made from that one file are dropped, every other passes through.
 */
const verifierFile = /botframework-connector[\\/]lib[\\/]auth[\\/]jwtTokenExtractor\.js/;

let installed = false;

export function silenceTokenVerifierConsole(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line no-console -- the one place that wraps the console, for the reason above
  const original = console.error.bind(console);
  // eslint-disable-next-line no-console -- see above
  console.error = (...args: unknown[]) => {
    if (verifierFile.test(new Error().stack ?? '')) return;
    original(...args);
  };
}
