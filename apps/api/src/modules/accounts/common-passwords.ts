/**
 * Passwords of 10+ characters that lead every breach list, lower-cased. A short list on purpose:
 * the length rule already removes the shorter ones.
 */
export const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '123456789012', '0123456789', '9876543210', '1111111111', '0000000000',
  'qwertyuiop', 'qwertyuiop123', '1q2w3e4r5t', '1qaz2wsx3edc', 'qazwsxedc123', 'asdfghjkl1', 'zxcvbnm123',
  'password12', 'password123', 'password1234', 'passw0rd123', 'p@ssw0rd123', 'password!!', 'iloveyou123',
  'abcdefghij', 'abcdefg123', 'abc1234567', 'aaaaaaaaaa', 'a123456789', 'welcome123', 'letmein123',
  'sunshine123', 'princess123', 'football123', 'baseball123', 'dragon1234', 'monkey1234', 'superman123',
  'changeme123', 'administrator', 'admin12345', 'adminadmin', 'trustno1234', 'starwars123', 'pokemon123',
  'businesscall', 'businesscall1',
]);
