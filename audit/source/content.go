package source

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
)

// pdfType is the content type an Input carries when it holds a PDF.
const pdfType = "application/pdf"

// sniffBinary tells a PDF (passed on undecoded) from a text document, and
// refuses other binary content: by its declared type, or by its first bytes
// when it is declared as text or not declared at all.
func sniffBinary(raw []byte, contentType string) (pdf bool, err error) {
	declared := mediaType(contentType)
	if isPDFType(declared) || bytes.HasPrefix(raw, []byte("%PDF-")) {
		return true, nil
	}
	if declared != "application/octet-stream" && isBinaryType(declared) {
		return false, binary(declared)
	}
	detected := mediaType(http.DetectContentType(raw))
	switch {
	case detected != "application/octet-stream" && isBinaryType(detected):
		return false, binary(looksLike(declared, detected))
	case declared == "application/octet-stream" && !strings.HasPrefix(detected, "text/"):
		return false, binary(declared)
	}
	return false, nil
}

func looksLike(declared, detected string) string {
	if declared == "" {
		return "looks like " + detected
	}
	return "served as " + declared + " but looks like " + detected
}

// mediaType returns the lower-case media type of a Content-Type, or "".
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return mt
}

func isPDFType(mediaType string) bool {
	return mediaType == pdfType || mediaType == "application/x-pdf"
}

// isBinaryType reports whether a media type names something that is not a
// document fineprint reads: an image, a sound, an archive, a program.
func isBinaryType(mediaType string) bool {
	for _, prefix := range []string{"image/", "audio/", "video/", "font/"} {
		if strings.HasPrefix(mediaType, prefix) {
			return true
		}
	}
	switch mediaType {
	case "application/octet-stream", "application/zip", "application/gzip",
		"application/x-gzip", "application/x-tar", "application/x-7z-compressed",
		"application/vnd.rar", "application/x-rar-compressed", "application/wasm",
		"application/vnd.ms-fontobject", "application/x-msdownload",
		"application/x-shockwave-flash", "application/ogg":
		return true
	}
	return false
}
