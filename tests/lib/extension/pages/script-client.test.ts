import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundChannel } from '../../../../lib/extension/pages/background-channel';
import { createExtensionScriptClient } from '../../../../lib/extension/pages/script-client';
import { agentNameSetting, agentStaffIdSetting, companyNameSetting } from '../../../../lib/extension/shared/settings';

const silentChannel: BackgroundChannel = { on: () => () => undefined, onReconnected: () => () => undefined, close: () => undefined };

describe('createExtensionScriptClient', () => {
  it('offers the agent’s name, staff number and organisation from the settings as script variables', async () => {
    const client = createExtensionScriptClient(silentChannel);
    await expect(client.loadVariableDefaults()).resolves.toEqual({});
    await agentNameSetting.setValue(' 王芳 ');
    await agentStaffIdSetting.setValue('A0123');
    await companyNameSetting.setValue('示例银行信用卡中心');
    await expect(client.loadVariableDefaults()).resolves.toEqual({
      'agent.name': '王芳',
      'agent.staffId': 'A0123',
      'company.name': '示例银行信用卡中心',
    });
  });

  it('leaves out settings that are blank or hold something other than text', async () => {
    await agentNameSetting.setValue('   ');
    await (companyNameSetting as unknown as { setValue(value: unknown): Promise<void> }).setValue(42);
    await expect(createExtensionScriptClient(silentChannel).loadVariableDefaults()).resolves.toEqual({});
  });

  it('takes the name and organisation the lead’s policy locks over the agent’s own', async () => {
    await agentNameSetting.setValue('王芳');
    await companyNameSetting.setValue('My own idea of the company');
    await fakeBrowser.storage.managed.set({ lockedSettings: ['companyName'], companyName: '示例银行信用卡中心', agentName: 'Ignored: not locked' });
    await expect(createExtensionScriptClient(silentChannel).loadVariableDefaults()).resolves.toEqual({
      'agent.name': '王芳',
      'company.name': '示例银行信用卡中心',
    });
  });
});
