package config

import (
	"fmt"
	"sort"
	"strings"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
)

// Access settings: who may read the shop's encrypted files, and what each
// named member of staff may do.
//
//	access:
//	  identity: ~/.config/custkit/murata.key   # a path, never the key itself
//	  recipients: [age1..., age1...]           # or recipients_file: staff.txt
//	  encrypt_outputs: true                    # every -o file encrypted
//	  staff:
//	    murata: {recipient: age1..., may: [reveal, export, purge]}
//	    tanaka: {recipient: age1...}
type Access struct {
	// Identity is the file of the age identity that decrypts inputs,
	// when neither --identity nor CUSTKIT_IDENTITY names one.
	Identity string `mapstructure:"identity"`
	// Recipients are what outputs are encrypted to.
	Recipients []string `mapstructure:"recipients"`
	// RecipientsFile is a file of recipients, one a line, used besides
	// Recipients.
	RecipientsFile string `mapstructure:"recipients_file"`
	// EncryptOutputs encrypts every -o file, whatever its name.
	EncryptOutputs bool `mapstructure:"encrypt_outputs"`
	// Staff names the people with a key, by the recipient of their
	// identity, and what each may do.
	Staff map[string]Staff `mapstructure:"staff"`
}

// Staff is one member of staff: the recipient of their identity and their
// permissions.
type Staff struct {
	Recipient string   `mapstructure:"recipient"`
	May       []string `mapstructure:"may"`
}

// The permissions a member of staff may be given.
const (
	MayReveal = "reveal" // --reveal: print personal data unmasked
	MayExport = "export" // -o: write a file that holds personal data
	MayPurge  = "purge"  // custkit purge
)

var permissions = []string{MayExport, MayPurge, MayReveal}

// Check refuses a key pasted into the config, a permission that does not
// exist and a recipient that is not one. Errors name the key; the caller
// adds the file.
func (a *Access) Check() error {
	if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(a.Identity)), "AGE-SECRET-KEY") {
		return fmt.Errorf("access.identity: this is a secret key, not the path of a file; a key in the config file is readable by anyone who can read the config: put it in a file of its own (chmod 600) and name that file here")
	}
	if _, err := agefile.ParseRecipients(a.Recipients, "access.recipients"); err != nil {
		return err
	}
	for _, name := range a.StaffNames() {
		m := a.Staff[name]
		key := "access.staff." + name
		if m.Recipient == "" {
			return fmt.Errorf("%s.recipient: missing; give the age1... recipient of %s's identity", key, name)
		}
		if _, err := agefile.ParseRecipients([]string{m.Recipient}, key+".recipient"); err != nil {
			return err
		}
		for _, p := range m.May {
			if !has(permissions, p) {
				return fmt.Errorf("%s.may: unknown permission %q (known: %s)", key, p, strings.Join(permissions, ", "))
			}
		}
	}
	return nil
}

// AllRecipients are the recipients outputs are encrypted to: Recipients
// and those of RecipientsFile.
func (a *Access) AllRecipients() ([]age.Recipient, error) {
	rs, err := agefile.ParseRecipients(a.Recipients, "access.recipients")
	if err != nil {
		return nil, err
	}
	if a.RecipientsFile != "" {
		more, err := agefile.ReadRecipients(a.RecipientsFile)
		if err != nil {
			return nil, err
		}
		rs = append(rs, more...)
	}
	return rs, nil
}

// StaffNames are the names of the staff, sorted.
func (a *Access) StaffNames() []string {
	names := make([]string, 0, len(a.Staff))
	for n := range a.Staff {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Member is the member of staff whose recipient is one of recipients;
// ok is false when none is.
func (a *Access) Member(recipients []string) (name string, m Staff, ok bool) {
	for _, n := range a.StaffNames() {
		if has(recipients, strings.TrimSpace(a.Staff[n].Recipient)) {
			return n, a.Staff[n], true
		}
	}
	return "", Staff{}, false
}

// Allows reports whether m has permission p.
func (m Staff) Allows(p string) bool { return has(m.May, p) }

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
