// Command xlsxbench measures custkit's workbook reader against a bare loop
// over excelize's streaming row reader on the same sheet, for
// docs/benchmarks.md (bench/xlsx.sh runs it):
//
//	xlsxbench make sales.csv sales.xlsx   # the sheet a shop saves from Excel
//	xlsxbench bare sales.xlsx             # excelize Rows + Columns, nothing else
//	xlsxbench raw sales.xlsx              # the same with RawCellValue (no number formats)
//	xlsxbench reader sales.xlsx           # workbook.Open and rows.Reader.Next
//	xlsxbench write-bare sales.csv out.xlsx   # the same rows, excelize's stream writer alone
//	xlsxbench write-custkit sales.csv out.xlsx # the same rows, custkit's xlsx writer
//
// make writes the CSV as a register export saved in Excel looks: ids and
// codes as text, sold_at as date cells (yyyy/mm/dd hh:mm), quantities and
// amounts as numbers (#,##0). bare and reader print one line: what they
// read, the rows, wall and CPU seconds, the bytes allocated and the peak
// resident memory of the process. Each run is a process of its own, so
// that peak memory is the run's.
//
// write-bare is make, timed: the CSV read with encoding/csv, each cell
// typed by its column as a caller must (time.Parse, strconv.Atoi), and
// written by excelize's StreamWriter. write-custkit reads the same CSV the
// same way and hands each row, as text, to pkg/output's xlsx writer, as
// -o out.xlsx does: cells typed by their column, the header bold and
// frozen, an autofilter and column widths.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/workbook"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: xlsxbench make SALES.csv OUT.xlsx | bare BOOK.xlsx | raw BOOK.xlsx | reader BOOK.xlsx | write-bare SALES.csv OUT.xlsx | write-custkit SALES.csv OUT.xlsx")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "make":
		if len(os.Args) != 4 {
			err = fmt.Errorf("make needs SALES.csv and OUT.xlsx")
			break
		}
		_, err = makeBook(os.Args[2], os.Args[3])
	case "bare":
		err = measure("bare", os.Args[2], func(data []byte) (int, error) { return bare(data) })
	case "raw":
		err = measure("raw", os.Args[2], func(data []byte) (int, error) { return bare(data, excelize.Options{RawCellValue: true}) })
	case "reader":
		err = measure("reader", os.Args[2], reader)
	case "write-bare", "write-custkit":
		if len(os.Args) != 4 {
			err = fmt.Errorf("%s needs SALES.csv and OUT.xlsx", os.Args[1])
			break
		}
		in, out := os.Args[2], os.Args[3]
		write := func() (int, error) { return makeBook(in, out) }
		if os.Args[1] == "write-custkit" {
			write = func() (int, error) { return writeCustkit(in, out) }
		}
		err = measureRun(os.Args[1], write)
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "xlsxbench:", err)
		os.Exit(1)
	}
}

// makeBook writes the CSV file in as the first sheet of out, with
// excelize's stream writer, and returns the rows written.
func makeBook(in, out string) (int, error) {
	src, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	r := csv.NewReader(bufio.NewReaderSize(src, 1<<20))
	r.ReuseRecord = true
	f := excelize.NewFile()
	defer f.Close()
	dateFmt, numFmt := "yyyy/mm/dd hh:mm", "#,##0"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return 0, err
	}
	numStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt})
	if err != nil {
		return 0, err
	}
	w, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return 0, err
	}
	header, err := r.Read()
	if err != nil {
		return 0, err
	}
	kind := make([]string, len(header))
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = h
		switch h {
		case "sold_at":
			kind[i] = "date"
		case "quantity", "unit_price", "amount":
			kind[i] = "number"
		}
	}
	if err := w.SetRow("A1", row); err != nil {
		return 0, err
	}
	rows := 1
	for n := 2; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
		for i, v := range rec {
			row[i] = v
			switch kind[i] {
			case "date":
				if t, err := time.Parse("2006-01-02T15:04:05", v); err == nil {
					row[i] = excelize.Cell{StyleID: dateStyle, Value: t}
				}
			case "number":
				if x, err := strconv.Atoi(v); err == nil {
					row[i] = excelize.Cell{StyleID: numStyle, Value: x}
				}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := w.SetRow(cell, row); err != nil {
			return 0, err
		}
		rows++
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	return rows, f.SaveAs(out)
}

// writeCustkit writes the CSV file in to out through custkit's xlsx
// writer, each row as text, as a command writing -o out.xlsx hands it
// its rows.
func writeCustkit(in, out string) (int, error) {
	src, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	r := csv.NewReader(bufio.NewReaderSize(src, 1<<20))
	r.ReuseRecord = true
	dst, err := os.Create(out)
	if err != nil {
		return 0, err
	}
	defer dst.Close()
	w, err := output.New(dst, output.Options{Format: output.XLSX})
	if err != nil {
		return 0, err
	}
	header, err := r.Read()
	if err != nil {
		return 0, err
	}
	if err := w.WriteHeader(append([]string(nil), header...)); err != nil {
		return 0, err
	}
	n := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
		if err := w.Write(rec); err != nil {
			return n, err
		}
		n++
	}
	if err := w.Close(); err != nil {
		return n, err
	}
	return n, dst.Close()
}

// bare reads every row's cells with excelize and nothing else: as each
// cell's number format shows it, or with RawCellValue as stored.
func bare(data []byte, opts ...excelize.Options) (int, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	rs, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		return 0, err
	}
	defer rs.Close()
	n := 0
	for rs.Next() {
		if _, err := rs.Columns(opts...); err != nil {
			return n, err
		}
		n++
	}
	return n, rs.Error()
}

// reader reads every record through custkit's reader, as a command does.
func reader(data []byte) (int, error) {
	r, err := workbook.Open(data, workbook.Options{Name: "sales.xlsx"})
	if err != nil {
		return 0, err
	}
	defer r.Close()
	n := 1 // the header
	for {
		_, err := r.Next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func measure(mode, path string, read func([]byte) (int, error)) error {
	return measureRun(mode, func() (int, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return 0, err
		}
		return read(data)
	})
}

// measureRun runs run, which returns the rows it read or wrote, and
// prints the line of its figures.
func measureRun(mode string, run func() (int, error)) error {
	if out := os.Getenv("XLSXBENCH_CPUPROFILE"); out != "" {
		// A CPU profile of the run, to see where its time goes.
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	n, err := run()
	if err != nil {
		return err
	}
	wall := time.Since(start)
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	fmt.Printf("%-13s rows %d  wall %.2fs  cpu %.2fs  allocated %d MiB  peak RSS %d MiB\n",
		mode, n, wall.Seconds(), cpu.Seconds(), ms.TotalAlloc>>20, ru.Maxrss>>10)
	return nil
}
