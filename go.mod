module github.com/custkit/custkit

go 1.26.8

// What custkit needs each direct dependency for. A new one needs a reason
// here: custkit reads customer data, and every module is code that runs
// with it.
require (
	// Encrypted customer files (pkg/agefile): the age format's own Go
	// implementation, by its designer, small and audited; files custkit
	// writes open with the age tool and the other way round.
	filippo.io/age v1.3.2
	// The export manifest (pkg/manifest) is a CSV file of typed records:
	// gocsv maps its rows to manifest.Entry by struct tags.
	github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1
	// Display width of Japanese text (full-width characters take two
	// columns) for markdown tables and the purge plan.
	github.com/mattn/go-runewidth v0.0.19
	// The boxed tables printed on a terminal (--format table).
	github.com/olekukonko/tablewriter v1.1.5
	// mscfb, excelize's compound document reader, tells a
	// password-protected workbook from an old .xls (pkg/workbook).
	github.com/richardlehane/mscfb v1.0.9
	// SIMD UTF-8 validation and ASCII checks on the data path (pkg/rows,
	// pkg/charset): the reader validates 32 bytes at a time.
	github.com/segmentio/asm v1.2.1
	// Commands, flags, help and shell completions; cobra/doc writes the
	// man pages.
	github.com/spf13/cobra v1.10.2
	// The flag values custkit defines itself (periods, limits, enums),
	// shared with cobra.
	github.com/spf13/pflag v1.0.10
	// The config file and CUSTKIT_* variables, with flag > variable > file
	// precedence.
	github.com/spf13/viper v1.21.0
	// Excel workbooks (.xlsx): the de facto Go library for Office Open
	// XML spreadsheets. Its streaming row reader reads .xlsx inputs
	// (pkg/workbook) with memory flat on large sheets; its stream writer
	// writes -o file.xlsx and --format xlsx a row at a time, with typed
	// cells, styles, a frozen header and an autofilter.
	github.com/xuri/excelize/v2 v2.11.1
	// nfp, excelize's number format parser, tells date and zero-padded
	// formats of input cells apart.
	github.com/xuri/nfp v0.0.2-0.20250530014748-2ddeb826f9a9
	// File locks, fadvise and madvise, and the file system checks of
	// shred: system calls the standard library does not offer; and
	// whether the CPU has AVX2 (x/sys/cpu), for pkg/bytemask.
	golang.org/x/sys v0.49.0
	// Whether a standard stream is a terminal: tables and masking there,
	// CSV in a pipe.
	golang.org/x/term v0.47.0
	// Shift_JIS/CP932 and EUC-JP decoding and encoding, NFKC
	// normalisation and width folding of Japanese text.
	golang.org/x/text v0.43.0
)

// Test-only: testscript runs the scripts in cmd/custkit/testdata/script
// against the real command. custkit itself never imports it.
require github.com/rogpeppe/go-internal v1.16.0

// Test-only: TestReportInBrowser drives headless Chromium over the
// DevTools protocol to check custkit report's HTML as a browser shows it
// (console errors, network requests, charts drawn, masking). custkit
// itself never imports it.
require (
	github.com/chromedp/cdproto v0.160.1 // the protocol's events and commands chromedp sends
	github.com/chromedp/chromedp v0.23.1
)

require (
	filippo.io/hpke v0.4.0 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/clipperhouse/displaywidth v0.10.0 // indirect
	github.com/clipperhouse/uax29/v2 v2.6.0 // indirect
	github.com/cpuguy83/go-md2man/v2 v2.0.6 // indirect
	github.com/fatih/color v1.18.0 // indirect
	github.com/fsnotify/fsnotify v1.9.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/go-viper/mapstructure/v2 v2.4.0 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/olekukonko/cat v0.0.0-20250911104152-50322a0618f6 // indirect
	github.com/olekukonko/errors v1.2.0 // indirect
	github.com/olekukonko/ll v0.1.6 // indirect
	github.com/pelletier/go-toml/v2 v2.2.4 // indirect
	github.com/richardlehane/msoleps v1.0.6 // indirect
	github.com/russross/blackfriday/v2 v2.1.0 // indirect
	github.com/sagikazarmark/locafero v0.11.0 // indirect
	github.com/sourcegraph/conc v0.3.1-0.20240121214520-5f936abd7ae8 // indirect
	github.com/spf13/afero v1.15.0 // indirect
	github.com/spf13/cast v1.10.0 // indirect
	github.com/subosito/gotenv v1.6.0 // indirect
	github.com/tiendc/go-deepcopy v1.7.2 // indirect
	github.com/xuri/efp v0.0.3-0.20260924042702-217b81952dec // indirect
	go.yaml.in/yaml/v3 v3.0.4 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/tools v0.51.0 // indirect
)
