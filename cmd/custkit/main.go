// Command custkit is a toolkit for customer management over flat CSV files:
// it joins customers and sales by customer number and answers the daily
// questions of a small shop. Run "custkit --help" for the commands.
package main

import (
	"os"

	"github.com/custkit/custkit/internal/cmdutil"
)

func main() { os.Exit(run(os.Args[1:], cmdutil.SystemStreams())) }
