package main

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The report opened in a real browser: headless Chromium (Debian's
// chromium package, which .ci/run installs) at a phone's and a desktop's
// size. Set CUSTKIT_REPORT_SCREENSHOTS to a directory to keep the
// screenshots there (docs/ holds those of the example shop).

// chromium finds a Chromium binary, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium binary: apt-get install chromium")
	return ""
}

// page is what the browser saw of a report.
type page struct {
	text     string   // the page's visible text
	requests []string // every URL the page asked for
	errors   []string // console errors and uncaught exceptions
	drawn    []int    // per chart: the bars drawn with a non-zero size
	overflow bool     // wider than the viewport: sideways scrolling
}

// openReport loads file at width×height and returns what the page did,
// with a screenshot of the viewport.
func openReport(t *testing.T, bin, file string, width, height int64) (page, []byte) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("hide-scrollbars", true))
	// Chromium now and then exits at its start on a loaded machine (the
	// whole test suite beside it); that is the browser's, not the page's,
	// and it is started again, twice at most.
	var ctx context.Context
	for attempt := 1; ctx == nil; attempt++ {
		actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
		defer cancel()
		bctx, cancel := chromedp.NewContext(actx)
		defer cancel()
		switch err := chromedp.Do(bctx); { // starts the browser
		case err == nil:
			ctx = bctx
		case attempt < 3 && strings.Contains(err.Error(), "failed to start"):
			t.Logf("chromium did not start (attempt %d), starting it again", attempt)
		default:
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	var p page
	var mu sync.Mutex
	note := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			p.requests = append(p.requests, e.Request.URL)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				p.errors = append(p.errors, "console."+string(e.Type))
			}
		case *runtime.EventExceptionThrown:
			p.errors = append(p.errors, e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				p.errors = append(p.errors, e.Entry.Text)
			}
		}
	}
	if err := chromedp.Listen(ctx, note); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height), chromedp.Navigate("file://"+file), chromedp.WaitReady("body"))
	if err == nil {
		p.text, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	}
	if err == nil {
		p.drawn, err = chromedp.Run(ctx, chromedp.Evaluate[[]int](`Array.from(document.querySelectorAll("svg.chart")).map(s =>
			Array.from(s.querySelectorAll("rect")).filter(r => { const b = r.getBoundingClientRect(); return b.width > 0 && b.height > 0 }).length)`))
	}
	if err == nil {
		p.overflow, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	}
	var shot []byte
	if err == nil {
		shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	if err != nil {
		t.Fatalf("%s at %dx%d: %v", file, width, height, err)
	}
	mu.Lock()
	defer mu.Unlock()
	return p, shot
}

// personalValues are the names, phones and e-mail addresses of the
// example customers.
func personalValues(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "examples", "customers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var vals []string
	for c, h := range recs[0] {
		if h == "name" || h == "phone" || h == "email" {
			for _, r := range recs[1:] {
				if r[c] != "" {
					vals = append(vals, r[c])
				}
			}
		}
	}
	return vals
}

func TestReportInBrowser(t *testing.T) {
	bin := chromium(t)
	needBash(t)
	dir, env := exampleDir(t)
	env = append(env, "LANG=ja_JP.UTF-8")
	for _, line := range []string{
		"custkit report --config examples/custkit.yaml --as-of 2026-11-22 --since 2026-06-01 -o shop.html",
		"custkit report --config examples/custkit.yaml --as-of 2026-11-22 --since 2026-06-01 --reveal -o revealed.html",
	} {
		if r := runLine(t, dir, env, line, ""); r.status != 0 {
			t.Fatalf("%s: status %d\n%s", line, r.status, r.stderr)
		}
	}
	personal := personalValues(t)
	keep := os.Getenv("CUSTKIT_REPORT_SCREENSHOTS")
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"phone", 375, 812}, {"desktop", 1280, 800}} {
		t.Run(size.name, func(t *testing.T) {
			file := filepath.Join(dir, "shop.html")
			p, shot := openReport(t, bin, file, size.width, size.height)
			if len(p.errors) > 0 {
				t.Errorf("console errors: %q", p.errors)
			}
			for _, u := range p.requests {
				if u != "file://"+file {
					t.Errorf("the page asked for %s", u)
				}
			}
			if len(p.requests) == 0 {
				t.Errorf("no request seen, not even the file: the check of requests is not working")
			}
			if len(p.drawn) < 3 {
				t.Errorf("%d charts, want months, stores and segments", len(p.drawn))
			}
			for i, n := range p.drawn {
				if n == 0 {
					t.Errorf("chart %d has no bar drawn", i+1)
				}
			}
			if p.overflow {
				t.Errorf("the page is wider than %d px", size.width)
			}
			if !strings.Contains(p.text, "顧客ランキング") {
				t.Errorf("no ranking in the page text:\n%s", p.text)
			}
			for _, v := range personal {
				if strings.Contains(p.text, v) {
					t.Errorf("%q is shown unmasked without --reveal", v)
				}
			}
			if err := os.WriteFile(filepath.Join(t.TempDir(), "report-"+size.name+".png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
			if keep != "" {
				if err := os.WriteFile(filepath.Join(keep, "report-"+size.name+".png"), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// The same check finds the names in a report that reveals them.
			r, _ := openReport(t, bin, filepath.Join(dir, "revealed.html"), size.width, size.height)
			shown := 0
			for _, v := range personal {
				if strings.Contains(r.text, v) {
					shown++
				}
			}
			if shown == 0 {
				t.Errorf("--reveal shows no name: the masking check cannot fail")
			}
		})
	}
}
