/**
 * Origins the detection scripts are declared for in the manifest (required host permissions): the local demo
 * dialer's, enabled by default. Every other dialer origin is an optional host permission the user grants; the
 * background registers the same scripts for those at runtime (lib/extension/background/detection-registration.ts).
 */
export const DECLARED_DIALER_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];
