import { passwordWeakness } from './password-rules';

describe('passwordWeakness', () => {
  it.each([
    ['correct-horse-battery', 'taro@example.jp'],
    ['日本語のパスワード１２３', 'taro@example.jp'],
    ['tr0ub4dor&3x', 'ab@example.jp'], // a 2-letter local part is not checked
    ['kuroneko-yamato-2026', 'taro@example.jp'],
  ])('accepts %s', (password, email) => {
    expect(passwordWeakness(password, email)).toBeNull();
  });

  it.each([
    ['123456789', 'at least 10'],
    ['x'.repeat(129), 'at most 128'],
    ['Password123', 'too common'],
    ['abababababab', 'too common'],
    // well known in every breach list, or one with the usual decorations
    ['qwertyuiop123', 'too common'],
    ['P@ssw0rd2024', 'too common'],
    ['iloveyou1234', 'too common'],
    ['1q2w3e4r5t6y', 'too common'],
    ['sunshine2020', 'too common'],
    ['Dragon12345!', 'too common'],
    ['my-taro-password', 'must not contain your e-mail'],
  ])('refuses %s (%s)', (password, why) => {
    expect(passwordWeakness(password, 'Taro@example.jp')).toContain(why);
  });

  it('counts characters as people see them, not UTF-16 units', () => {
    // 9 emoji are 18 UTF-16 units but 9 characters: too short
    expect(passwordWeakness('😀😁😂🤣😃😄😅😆😉', 'a@b.jp')).toContain('at least 10');
  });
});
