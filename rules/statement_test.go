package rules

import "testing"

func TestStatement(t *testing.T) {
	for text, want := range map[string]bool{
		"Why is information transferred to other countries?":    false,
		"Transferring Information to Other Countries":           false,
		"Data sent to partners":                                 true, // a list item
		"Your data is sent to partners.":                        true,
		"We may share your data with partners, such as:":        true,
		"« Vos données peuvent être transférées hors de l'UE »": true,
		"Transferts internationaux de données":                  true, // French headings are not in title case
		"":                                                      true,
	} {
		if got := Statement(text); got != want {
			t.Errorf("Statement(%q) = %v, want %v", text, got, want)
		}
	}
}
