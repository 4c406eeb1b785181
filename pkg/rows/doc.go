// Package rows reads CSV and TSV files as they come out of real registers and
// spreadsheets, and hands out records whose fields and line numbers are known.
//
// It is the second step of the data path, after [charset]: [NewReader]
// detects the encoding and the delimiter, reads the header, and then either
// [Reader.Next] returns one record at a time, or [Reader.NextBlock] returns
// blocks of whole records that several goroutines can parse at once with
// [Block.Each]. Both follow RFC 4180: quoted fields may hold delimiters,
// doubled quotes and newlines; CRLF and LF both end a record; blank lines are
// skipped. A quote inside an unquoted field is kept as a literal character,
// since registers write `5" plate` without quoting it.
//
// Spreadsheets save files with habits of their own, and the reader takes
// them as they come (see excel.go): lines that end in a lone CR (Excel for
// Mac); rows whose fields are all empty (`,,,,` below the data, or
// `"","",""`), which are skipped and counted; a title row or blank lines
// above the header, found by [Options.IsHeader] or named by
// [Options.HeaderRow]; the header repeated inside the file, as `cat`
// leaves it when monthly files are joined, skipped and counted too
// ([Reader.Skipped]); and, once told the columns ([Reader.SkipTotals]), a
// sales export's totals row (合計 and the sums, no customer id, no date),
// skipped and counted as well. Line numbers are always the file's physical
// lines.
//
// Every problem is an [*Error] naming the file, the line and, where there is
// one, the column: rows with the wrong number of fields, unterminated quotes
// and bytes that are invalid in the file's encoding.
//
// # Why not encoding/csv
//
// Go's encoding/csv reads the same RFC 4180 files. custkit has its own
// reader for three reasons:
//
//   - Speed. encoding/csv copies every field into a new string and checks
//     each byte as it goes; this reader finds field boundaries in the
//     buffer it read (the fields are slices of it, valid until the next
//     read), checks UTF-8 32 bytes at a time, and a block's records are
//     split on any core. On a sales-like file of 200,000 lines (go test
//     -bench Reader, 2 cores shared with other work) encoding/csv reads
//     about 70 MB/s with ReuseRecord, Next 140-190 MB/s, and [EachBlock]
//     with one worker 600-800 MB/s: nine to eleven times encoding/csv. On
//     the 1 GB sales file of the project benchmark encoding/csv alone
//     takes 4.4 s, a quote-aware splitter 1.2 s.
//   - Physical line numbers. Every record carries the line it starts on in
//     the file, also in a block parsed apart from the others, so that an
//     error names the line a person finds in an editor even after quoted
//     fields with newlines; encoding/csv gives a position only through
//     FieldPos, for the record it has just read from the start.
//   - Blocks. The join, buyers, ledger and recommend scan their sales file
//     in parallel: [Reader.NextBlock] cuts the input at record boundaries
//     (which only a quote-aware reader can find) so that each block is
//     parsed on its own goroutine. encoding/csv reads one record at a
//     time, on one goroutine.
//
// It also reads what registers write and encoding/csv refuses: a bare
// quote inside an unquoted field (its LazyQuotes would accept that, and
// also a lone quote inside a quoted field).
package rows
