// Package cmdutil is the cobra glue every custkit command shares: the
// run's streams and global options, the flag groups (inputs, outputs,
// date windows) and their options, the output targets, the config and
// access-log wiring, and how errors become exit statuses. Each command in
// cmd/custkit embeds Base in its options, registers the groups it takes and
// opens its inputs and outputs through them; the rules themselves live in
// pkg/.
package cmdutil
