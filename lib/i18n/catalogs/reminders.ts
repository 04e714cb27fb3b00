import { defineCatalog } from './define-catalog';

/**
 * The follow-up reminders' notification text (issue 6), the only notes strings the background speaks. Kept apart
 * from the notes view's catalog so the worker bundles these three lines and not the whole panel's notes strings.
 * Keys are prefixed `notes.reminder.`.
 */
export const remindersCatalog = defineCatalog(
  {
    'notes.reminder.callback': 'Callback due',
    'notes.reminder.promise': 'Promise to pay due',
    'notes.reminder.body': 'For the call of {when}. Open it in OnScript.',
  },
  {
    'notes.reminder.callback': '回拨提醒',
    'notes.reminder.promise': '承诺还款到期',
    'notes.reminder.body': '{when} 的通话。在 OnScript 中打开查看。',
  },
);
