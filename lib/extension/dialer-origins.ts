/**
 * Pages the detection scripts are declared for. The foundation ships the local demo dialer's origins only;
 * per-user enabling of real dialer origins through optional host permissions is issue #3's work.
 */
export const DECLARED_DIALER_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];
