/**
 * The local demo dialer's origins (loopback). Only development builds (`wxt build --mode development`: npm start,
 * the end-to-end suite) declare them, as required host permissions with the detection scripts in the manifest, so
 * the demo works with no step; a production build asks for neither and injects nothing there (wxt.config.ts).
 * Every real dialer origin is an optional host permission the user grants; the background registers the same
 * scripts for those at runtime (lib/extension/background/detection-registration.ts).
 */
export const DEMO_DIALER_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];
