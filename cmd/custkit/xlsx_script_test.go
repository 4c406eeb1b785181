package main

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// cmdXLSX makes a workbook as a spreadsheet program saves one, from CSV
// files, one sheet each, in the order given:
//
//	xlsx [-merge Sheet!A1:D1] [-hide Sheet!6] out.xlsx Sheet=in.csv...
//
// A cell is text, unless it is written n|FORMAT|123 (a number with that
// number format, e.g. 000000 or #,##0; an empty format is General),
// d|FORMAT|2024-11-22 or d|FORMAT|2024-11-22 10:15 (a date cell) or
// f|FORMULA|123 (a formula saved with its value; f|FORMULA| without one).
// -merge merges a range, -hide hides a row; both may be repeated.
func cmdXLSX(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! xlsx")
	}
	var merges, hides []string
	for len(args) > 1 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-merge":
			merges = append(merges, args[1])
		case "-hide":
			hides = append(hides, args[1])
		default:
			ts.Fatalf("xlsx: unknown flag %s", args[0])
		}
		args = args[2:]
	}
	if len(args) < 2 {
		ts.Fatalf("usage: xlsx [-merge Sheet!A1:D1] [-hide Sheet!6] out.xlsx Sheet=in.csv...")
	}
	f := excelize.NewFile()
	styles := map[string]int{}
	style := func(code string, builtin int) int {
		key := code + "/" + strconv.Itoa(builtin)
		if id, ok := styles[key]; ok {
			return id
		}
		st := &excelize.Style{NumFmt: builtin}
		if code != "" {
			st.CustomNumFmt = &code
		}
		id, err := f.NewStyle(st)
		ts.Check(err)
		styles[key] = id
		return id
	}
	for i, spec := range args[1:] {
		sheet, file, ok := strings.Cut(spec, "=")
		if !ok {
			ts.Fatalf("xlsx: %q is not Sheet=file.csv", spec)
		}
		if i == 0 {
			ts.Check(f.SetSheetName("Sheet1", sheet))
		} else {
			_, err := f.NewSheet(sheet)
			ts.Check(err)
		}
		r := csv.NewReader(bytes.NewReader([]byte(ts.ReadFile(file))))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		ts.Check(err)
		for y, rec := range recs {
			for x, v := range rec {
				cell, err := excelize.CoordinatesToCellName(x+1, y+1)
				ts.Check(err)
				kind, rest, _ := strings.Cut(v, "|")
				format, value, typed := strings.Cut(rest, "|")
				switch {
				case typed && kind == "n":
					n, err := strconv.ParseFloat(value, 64)
					ts.Check(err)
					ts.Check(f.SetCellFloat(sheet, cell, n, -1, 64))
					if format != "" {
						ts.Check(f.SetCellStyle(sheet, cell, cell, style(format, 0)))
					}
				case typed && kind == "d":
					layout := "2006-01-02"
					if len(value) > len(layout) {
						layout = "2006-01-02 15:04"
					}
					t, err := time.Parse(layout, value)
					ts.Check(err)
					ts.Check(f.SetCellValue(sheet, cell, t))
					ts.Check(f.SetCellStyle(sheet, cell, cell, style(format, 14)))
				case typed && kind == "f":
					if value != "" {
						n, err := strconv.ParseFloat(value, 64)
						ts.Check(err)
						ts.Check(f.SetCellFloat(sheet, cell, n, -1, 64))
					}
					ts.Check(f.SetCellFormula(sheet, cell, format))
				case v != "":
					ts.Check(f.SetCellStr(sheet, cell, v))
				}
			}
		}
	}
	for _, m := range merges {
		sheet, rng, _ := strings.Cut(m, "!")
		from, to, _ := strings.Cut(rng, ":")
		ts.Check(f.MergeCell(sheet, from, to))
	}
	for _, h := range hides {
		sheet, row, _ := strings.Cut(h, "!")
		n, err := strconv.Atoi(row)
		ts.Check(err)
		ts.Check(f.SetRowVisible(sheet, n, false))
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[0])))
}
