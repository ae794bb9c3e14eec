package audit

import "testing"

func clauses(texts ...string) []Clause {
	out := make([]Clause, len(texts))
	for i, t := range texts {
		out[i] = Clause{Text: t, Line: i + 1}
	}
	return out
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"We may change these terms at any time and you agree to be bound by them.", "en"},
		{"Nous pouvons modifier les présentes conditions à tout moment et vous acceptez d'y être lié.", "fr"},
		{"L'Organisateur se réserve le droit d'annuler l'opération.", "fr"},
		{"", "en"},
	}
	for _, tc := range tests {
		if got := DetectLanguage(clauses(tc.text)); got != tc.want {
			t.Errorf("DetectLanguage(%q) = %s, want %s", tc.text, got, tc.want)
		}
	}
}

func TestDetectKind(t *testing.T) {
	tests := []struct {
		title string
		text  []string
		want  string
	}{
		{"Refer a Friend – Programme Terms", []string{"Invite friends and earn a reward for each referral."}, KindOffer},
		{"Règlement du jeu-concours", []string{"Le tirage au sort désignera les gagnants des dotations."}, KindOffer},
		{"Privacy Policy", []string{"We process your personal data as data controller.", "The legal basis is your consent."}, KindPrivacy},
		{"Politique de confidentialité", []string{"Vos données personnelles sont traitées par le responsable du traitement."}, KindPrivacy},
		{"Terms of Service", []string{"These terms govern your account.", "Limitation of liability applies."}, KindTOS},
		{"", []string{"Hello world."}, KindUnknown},
	}
	for _, tc := range tests {
		if got := DetectKind(tc.title, clauses(tc.text...)); got != tc.want {
			t.Errorf("DetectKind(%q) = %s, want %s", tc.title, got, tc.want)
		}
	}
}
