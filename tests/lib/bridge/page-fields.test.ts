import { describe, expect, it } from 'vitest';
import { createPageFieldsReporter } from '../../../lib/bridge/page-fields';

describe('createPageFieldsReporter', () => {
  it('sends a call’s page fields when they appear or change, not again while they stay the same', () => {
    const sent: [string, Record<string, string>][] = [];
    const reporter = createPageFieldsReporter((callKey, fields) => sent.push([callKey, fields]));
    let page: Record<string, string> = {};
    const read = () => page;
    reporter.observe({ callKey: 'a', phase: 'dialing' }, read);
    page = { 'location.region': 'CA' };
    reporter.observe({ callKey: 'a', phase: 'ringing' }, read);
    reporter.observe({ callKey: 'a', phase: 'connected' }, read);
    page = { 'location.region': 'CA', 'location.postalCode': '94105' };
    reporter.observe({ callKey: 'a', phase: 'held' }, read);
    reporter.observe({ callKey: 'a', phase: 'ended' }, () => {
      throw new Error('an ended call reads nothing');
    });
    expect(sent).toEqual([
      ['a', { 'location.region': 'CA' }],
      ['a', { 'location.region': 'CA', 'location.postalCode': '94105' }],
    ]);
  });
});
