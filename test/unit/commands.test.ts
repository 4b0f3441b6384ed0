import { parseCommand } from '../../src/bot/commands';

describe('parseCommand: a command is the whole message', () => {
  test.each([
    ['help', 'help'],
    ['  Aide ! ', 'help'],
    ['CONNECT.', 'connect'],
    ['connecter', 'connect'],
    ['status', 'status'],
    ['statut!', 'status'],
    ['revoke', 'revoke'],
    ['révoquer', 'revoke'],
    ['re\u0301voquer', 'revoke'],
    ['revoquer', 'revoke'],
    ['disconnect', 'revoke'],
    ['déconnecter', 'revoke'],
    ['my data', 'myData'],
    ['My   Data.', 'myData'],
    ['mes données', 'myData'],
    ['mes\u00a0donnees', 'myData'],
    ['admin status', 'adminStatus'],
    ['admin enable all', 'adminEnableAll'],
    ['admin disable!', 'adminDisable'],
    ['admin announce all', 'adminAnnounceAll'],
    ['admin announce cancel', 'adminAnnounceCancel'],
    ['admin audit', 'adminAudit'],
  ])('%j is %s', (text, name) => {
    expect(parseCommand(text)?.name).toBe(name);
    expect(parseCommand(text)?.arg).toBeUndefined();
  });

  test('French aliases tell the language; the canonical English words do not', () => {
    for (const text of ['aide', 'connecter', 'statut', 'révoquer', 'déconnecter', 'mes données']) expect(parseCommand(text)?.lang).toBe('fr');
    for (const text of ['help', 'connect', 'status', 'revoke', 'disconnect', 'my data', 'admin status']) expect(parseCommand(text)?.lang).toBeUndefined();
  });

  test('commands with an argument keep it as typed', () => {
    expect(parseCommand('admin enable group  Sales Team France ')).toEqual({ name: 'adminEnableGroup', arg: 'Sales Team France' });
    expect(parseCommand('admin announce group 0b5a2d7e-8d3c-4b8e-9a43-2f1d3c4e5f60.')).toEqual({
      name: 'adminAnnounceGroup',
      arg: '0b5a2d7e-8d3c-4b8e-9a43-2f1d3c4e5f60',
    });
  });

  test.each([
    'status of my contacts after I revoke?',
    'can I revoke later?',
    'how do I connect my accounts?',
    'help me understand what LinkedIn sees',
    'please disable it',
    'admin disable everything now',
    'admin enable group',
    'admin statuses',
    'helpful',
    'my data is stored where?',
    'quel est le statut de mes contacts ?',
    '',
    '   ',
  ])('%j is not a command', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });
});
