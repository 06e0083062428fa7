import { isFormulaCell, neutralizeCsvFormulas } from '../../../src/exports/csv-formulas';

describe('isFormulaCell', () => {
  test.each(['=1+1', '+1+1', '-2+3', '@SUM(1)', '\tx', '\rx', '-', '-5 apples', '+1 (555) 010-0199', '=-5'])(
    '%j would run',
    (text) => {
      expect(isFormulaCell(text)).toBe(true);
    },
  );

  test.each(['-5', '+3', '-1.5', '-1.5e3', '-.5', '5', '', 'plain', "'=already quoted", ' =1+1', 'a=b'])(
    '%j would not',
    (text) => {
      expect(isFormulaCell(text)).toBe(false);
    },
  );
});

describe('neutralizeCsvFormulas', () => {
  test('a cell that starts like a formula gets a quote and is quoted; other cells and numbers keep their bytes', () => {
    const csv = 'Name,Count,Delta\r\n=1+1,3,-5\r\n@SUM(1+1),4,-2+3\r\nplain,5,+7\r\n';
    expect(neutralizeCsvFormulas(csv)).toBe(
      `Name,Count,Delta\r\n"'=1+1",3,-5\r\n"'@SUM(1+1)",4,"'-2+3"\r\nplain,5,+7\r\n`,
    );
  });

  test('quoted cells: quotes, commas and line breaks inside stay one cell', () => {
    const csv = 'a,"=HYPERLINK(""http://evil.example"",""click"")",b\r\n"=x\r\ny","+1,2",""\r\n';
    expect(neutralizeCsvFormulas(csv)).toBe(
      `a,"'=HYPERLINK(""http://evil.example"",""click"")",b\r\n"'=x\r\ny","'+1,2",""\r\n`,
    );
  });

  test('tab and carriage return first are neutralized too', () => {
    expect(neutralizeCsvFormulas('\tx,"\ry"\r\n')).toBe(`"'\tx","'\ry"\r\n`);
  });

  test('the header row, empty cells, LF or CR line ends and a missing final line end', () => {
    expect(neutralizeCsvFormulas('=h,,x\n-a,b,\n=c')).toBe(`"'=h",,x\n"'-a",b,\n"'=c"`);
    expect(neutralizeCsvFormulas('x\r=y\r')).toBe(`x\r"'=y"\r`);
  });

  test('a byte order mark stays in front, and does not hide a formula behind it', () => {
    expect(neutralizeCsvFormulas('\uFEFF=1+1,2\r\n')).toBe(`\uFEFF"'=1+1",2\r\n`);
  });

  test('a quoted cell left open runs to the end, and is closed', () => {
    expect(neutralizeCsvFormulas('a,"=b,c\r\nd')).toBe(`a,"'=b,c\r\nd"`);
  });

  test('a CSV with nothing to change is answered as it came', () => {
    const csv = 'Brand,Count\r\n"Levi\'s, Inc.",-5\r\n';
    expect(neutralizeCsvFormulas(csv)).toBe(csv);
    expect(neutralizeCsvFormulas('')).toBe('');
  });

  test('a CSV as an RFC 4180 writer makes it: only the cells that would run change', () => {
    const cells = [
      ['=a', 'b'],
      ['-1', '-x'],
      ['"q"', '@1'],
    ];
    const csv = cells
      .map((row) => row.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
      .join('\r\n');
    expect(neutralizeCsvFormulas(csv)).toBe(`"'=a",b\r\n-1,"'-x"\r\n"""q""","'@1"`);
  });
});
