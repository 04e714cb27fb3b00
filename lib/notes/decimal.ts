/**
 * Exact arithmetic on decimal amount strings, so totals of promises never pick up floating-point error.
 */

/** A decimal string split into an integer of the smallest unit and its number of decimals. */
interface ScaledDecimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function toScaled(value: string): ScaledDecimal | undefined {
  const match = DECIMAL.exec(value.trim());
  if (!match) return undefined;
  const fraction = match[3] ?? '';
  const units = BigInt(match[2]! + fraction);
  return { units: match[1] ? -units : units, scale: fraction.length };
}

function rescale(value: ScaledDecimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/**
 * Sums decimal strings exactly (`"0.10" + "0.20"` is `"0.30"`). The result keeps the largest number of
 * decimals among the inputs. Returns undefined when any input is not a plain decimal (`12`, `-3.50`).
 */
export function sumDecimalStrings(values: Iterable<string>): string | undefined {
  let total: ScaledDecimal = { units: 0n, scale: 0 };
  for (const value of values) {
    const next = toScaled(value);
    if (!next) return undefined;
    const scale = Math.max(total.scale, next.scale);
    total = { units: rescale(total, scale) + rescale(next, scale), scale };
  }
  return formatScaled(total);
}

function formatScaled({ units, scale }: ScaledDecimal): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
