// Package workbook reads a worksheet of an Excel workbook (.xlsx, .xlsm)
// as custkit reads a CSV file.
//
// # Design
//
// A sheet is turned into CSV text, row by row as the reader asks for it,
// and that text is read by the same [rows.Reader] as a CSV file: the
// header found on the row --header-row names or below a title row, the
// header mapped to fields by pkg/schema, the known layouts, empty rows
// and repeated headers skipped and counted, ragged rows and every other
// error are the CSV reader's, with no second implementation to keep in
// step. The CSV path is untouched: pkg/input looks at a file's first
// bytes and hands a workbook here, anything else to [rows.NewReader] as
// before. A small interface that both readers implement was the other
// choice; it would have meant a second header search, a second empty-row
// rule and a second set of errors, and the operations, which work on
// rows.Reader's blocks, would have needed both.
//
// The text is made from excelize's streaming row reader ([excelize.Rows]),
// one sheet row to one CSV line (a cell holding a line break is a quoted
// field over several lines, and the reader's [rows.Locator] maps lines
// back to rows), so that memory does not follow the sheet's size: what it
// holds is the workbook's compressed bytes, the shared strings and one
// row. excelize unpacks a sheet or a shared string table of more than
// 16 MB into a temporary file, which it removes when the workbook is
// closed.
//
// Errors name the cell: 顧客名簿.xlsx[顧客]!B12, through the
// [rows.Locator] registered under the reader's name.
//
// # Cells
//
// A cell is read as a person sees it where that is what the data means,
// and as stored where the display would lose it:
//
//   - text cells as written, leading zeros and all;
//   - numbers whose format pads them with zeros (000000, 000-0000) or is
//     text (@) as displayed: 000123;
//   - dates and times as dates, whatever their display format:
//     2024-11-22, with the time when the cell has one (2024-11-22 10:15,
//     or with seconds when it has them);
//   - other numbers as stored (1234.5, not the 1,235 of #,##0), booleans
//     as TRUE and FALSE, error values (#N/A) as shown;
//   - formulas by the value the spreadsheet program saved with them; a
//     formula saved without one (written by a program that does not
//     calculate) on the header row or below is an error naming the cell,
//     its column and the formula, found before the first row is read by
//     a streamed scan of the sheet's XML (formula.go): excelize's row
//     reader shows such a cell as empty, and its cell-level API would
//     read the whole sheet into memory;
//   - merged cells: the value is in the top-left cell only, the other
//     cells of the range are empty, as the file stores them;
//   - hidden rows and columns are read: they are data a person hid from
//     view, not data they deleted;
//   - blank rows at the end of the sheet (formatted but empty) are not
//     read at all; blank rows between data rows are skipped and counted
//     as a CSV file's empty rows are.
//
// The header row's last non-empty cell sets the width of every row: a
// shorter row is filled with empty cells, and a row with a value to the
// right of the header's last column is a ragged row, as in CSV.
package workbook
