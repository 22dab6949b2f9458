import { passwordWeakness } from './password-rules';

describe('passwordWeakness', () => {
  it.each([
    ['correct-horse-battery', 'taro@example.jp'],
    ['日本語のパスワード１２３', 'taro@example.jp'],
    ['tr0ub4dor&3x', 'ab@example.jp'], // a 2-letter local part is not checked
  ])('accepts %s', (password, email) => {
    expect(passwordWeakness(password, email)).toBeNull();
  });

  it.each([
    ['123456789', 'at least 10'],
    ['x'.repeat(129), 'at most 128'],
    ['Password123', 'too common'],
    ['abababababab', 'too common or too simple'],
    ['my-taro-password', 'must not contain your e-mail'],
  ])('refuses %s (%s)', (password, why) => {
    expect(passwordWeakness(password, 'Taro@example.jp')).toContain(why);
  });

  it('counts characters as people see them, not UTF-16 units', () => {
    // 9 emoji are 18 UTF-16 units but 9 characters: too short
    expect(passwordWeakness('😀😁😂🤣😃😄😅😆😉', 'a@b.jp')).toContain('at least 10');
  });
});
