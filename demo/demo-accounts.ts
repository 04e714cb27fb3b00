/**
 * The demo dialer's stand-in for a CRM: the account a collections system would open beside the phone for the
 * number on the line. OnScript's DOM rule for the demo reads these fields and offers them for the call's form.
 */
export interface DemoAccount {
  name: string;
  amountOwed: string;
  dueDate: string;
  reference: string;
}

/** Accounts by the number's last four digits; any other number gets a generic one. */
const ACCOUNTS: Readonly<Record<string, DemoAccount>> = {
  '8000': { name: '张伟', amountOwed: '¥12,345.60', dueDate: '2026年3月4日', reference: 'CC-2026-0042' },
  '3456': { name: 'Jane Doe', amountOwed: '£1,234.56', dueDate: '4 March 2026', reference: 'UK-000123' },
};

/** The account the demo CRM shows for a dialled or calling number, or undefined when no number is on the line. */
export function demoAccountFor(number: string): DemoAccount | undefined {
  const digits = number.replace(/\D/g, '');
  if (digits.length < 4) return undefined;
  return ACCOUNTS[digits.slice(-4)] ?? { name: 'Alex Morgan', amountOwed: '$2,500.00', dueDate: 'March 4, 2026', reference: `DEMO-${digits.slice(-4)}` };
}
