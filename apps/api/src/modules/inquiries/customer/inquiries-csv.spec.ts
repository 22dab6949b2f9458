import { csvField, csvLine, jstDateStamp, jstDateTime } from './inquiries-csv';

describe('the CSV export format', () => {
  it('quotes fields with quotes, commas or line breaks and doubles the quotes', () => {
    expect(csvField('普通の内容')).toBe('普通の内容');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('彼は"至急"と')).toBe('"彼は""至急""と"');
    expect(csvField('一行目\n二行目')).toBe('"一行目\n二行目"');
    expect(csvField(null)).toBe('');
  });

  it('keeps Excel from running a value as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+81')).toBe("'+81");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('ends every line with CRLF', () => {
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
  });

  it('writes times and the file date in Japan time', () => {
    expect(jstDateTime(new Date('2026-11-24T15:30:00Z'))).toBe('2026-11-25 00:30');
    expect(jstDateStamp(new Date('2026-11-24T15:30:00Z'))).toBe('20261125');
    expect(jstDateStamp(new Date('2026-11-24T14:59:59Z'))).toBe('20261124');
  });
});
