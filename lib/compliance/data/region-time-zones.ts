/**
 * Hand-kept zone tables for agent-entered locations: US states and territories, Canadian provinces, and the
 * NANP countries that share calling code +1 (whose zones the phone-prefix map only lists under the bare `1`).
 *
 * A state that spans two zones lists both; the engine then allows only the intersection of their windows.
 * Zone names are IANA; Arizona is America/Phoenix (no DST) except the Navajo Nation, which keeps DST (Denver).
 */

/**
 * US state, DC and territory postal codes → the zones they officially span. Places that keep a neighbour's clock
 * (Phenix City, Alabama on Eastern; West Wendover, Nevada on Mountain) are read from their ZIP codes, which get both.
 */
export const US_REGION_TIME_ZONES: Readonly<Record<string, readonly string[]>> = {
  AL: ['America/Chicago'],
  AK: ['America/Anchorage', 'America/Adak'],
  AZ: ['America/Phoenix', 'America/Denver'],
  AR: ['America/Chicago'],
  CA: ['America/Los_Angeles'],
  CO: ['America/Denver'],
  CT: ['America/New_York'],
  DE: ['America/New_York'],
  DC: ['America/New_York'],
  FL: ['America/New_York', 'America/Chicago'],
  GA: ['America/New_York'],
  HI: ['Pacific/Honolulu'],
  ID: ['America/Boise', 'America/Los_Angeles'],
  IL: ['America/Chicago'],
  IN: ['America/New_York', 'America/Chicago'],
  IA: ['America/Chicago'],
  KS: ['America/Chicago', 'America/Denver'],
  KY: ['America/New_York', 'America/Chicago'],
  LA: ['America/Chicago'],
  ME: ['America/New_York'],
  MD: ['America/New_York'],
  MA: ['America/New_York'],
  MI: ['America/Detroit', 'America/Chicago'],
  MN: ['America/Chicago'],
  MS: ['America/Chicago'],
  MO: ['America/Chicago'],
  MT: ['America/Denver'],
  NE: ['America/Chicago', 'America/Denver'],
  NV: ['America/Los_Angeles'],
  NH: ['America/New_York'],
  NJ: ['America/New_York'],
  NM: ['America/Denver'],
  NY: ['America/New_York'],
  NC: ['America/New_York'],
  ND: ['America/Chicago', 'America/Denver'],
  OH: ['America/New_York'],
  OK: ['America/Chicago'],
  OR: ['America/Los_Angeles', 'America/Boise'],
  PA: ['America/New_York'],
  RI: ['America/New_York'],
  SC: ['America/New_York'],
  SD: ['America/Chicago', 'America/Denver'],
  TN: ['America/New_York', 'America/Chicago'],
  TX: ['America/Chicago', 'America/Denver'],
  UT: ['America/Denver'],
  VT: ['America/New_York'],
  VA: ['America/New_York'],
  WA: ['America/Los_Angeles'],
  WV: ['America/New_York'],
  WI: ['America/Chicago'],
  WY: ['America/Denver'],
  PR: ['America/Puerto_Rico'],
  VI: ['America/St_Thomas'],
  GU: ['Pacific/Guam'],
  MP: ['Pacific/Saipan'],
  AS: ['Pacific/Pago_Pago'],
};

/**
 * Zones of the 50 states, DC, Puerto Rico and the US Virgin Islands: the set "the most restrictive window of the
 * country" is taken over for a US debtor whose zone is unknown (a toll-free number). Guam, the Northern Mariana
 * Islands and American Samoa are left out because Guam and American Samoa are 21 hours apart and no 08:00-21:00
 * window would remain; a debtor known to be there is judged in their own zone.
 */
export const US_MAINLAND_AND_STATES_TIME_ZONES: readonly string[] = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Adak',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/St_Thomas',
];

/** Canadian province and territory codes → candidate zones. */
export const CA_REGION_TIME_ZONES: Readonly<Record<string, readonly string[]>> = {
  AB: ['America/Edmonton'],
  BC: ['America/Vancouver', 'America/Edmonton', 'America/Fort_Nelson'],
  MB: ['America/Winnipeg'],
  NB: ['America/Moncton'],
  NL: ['America/St_Johns', 'America/Goose_Bay'],
  NS: ['America/Halifax'],
  NT: ['America/Edmonton'],
  NU: ['America/Iqaluit', 'America/Rankin_Inlet', 'America/Cambridge_Bay'],
  ON: ['America/Toronto', 'America/Winnipeg'],
  PE: ['America/Halifax'],
  QC: ['America/Toronto', 'America/Halifax'],
  SK: ['America/Regina'],
  YT: ['America/Whitehorse'],
};

/** Countries and territories on calling code +1 other than the US and Canada, each on one zone. */
export const NANP_COUNTRY_TIME_ZONES: Readonly<Record<string, readonly string[]>> = {
  AG: ['America/Antigua'],
  AI: ['America/Anguilla'],
  AS: ['Pacific/Pago_Pago'],
  BB: ['America/Barbados'],
  BM: ['Atlantic/Bermuda'],
  BS: ['America/Nassau'],
  DM: ['America/Dominica'],
  DO: ['America/Santo_Domingo'],
  GD: ['America/Grenada'],
  GU: ['Pacific/Guam'],
  JM: ['America/Jamaica'],
  KN: ['America/St_Kitts'],
  KY: ['America/Cayman'],
  LC: ['America/St_Lucia'],
  MP: ['Pacific/Saipan'],
  MS: ['America/Montserrat'],
  PR: ['America/Puerto_Rico'],
  SX: ['America/Lower_Princes'],
  TC: ['America/Grand_Turk'],
  TT: ['America/Port_of_Spain'],
  VC: ['America/St_Vincent'],
  VG: ['America/Tortola'],
  VI: ['America/St_Thomas'],
};

/** Full US state and Canadian province names → codes, so "New York" or "Ontario" work as typed by an agent. */
export const REGION_NAMES: Readonly<Record<string, string>> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO',
  connecticut: 'CT', delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI',
  idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA',
  maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS',
  missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ',
  'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK',
  oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD',
  tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA',
  'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', 'puerto rico': 'PR', guam: 'GU',
  alberta: 'AB', 'british columbia': 'BC', manitoba: 'MB', 'new brunswick': 'NB',
  'newfoundland and labrador': 'NL', 'nova scotia': 'NS', 'northwest territories': 'NT', nunavut: 'NU',
  ontario: 'ON', 'prince edward island': 'PE', quebec: 'QC', saskatchewan: 'SK', yukon: 'YT',
};
