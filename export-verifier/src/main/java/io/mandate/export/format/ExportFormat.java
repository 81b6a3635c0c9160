package io.mandate.export.format;

import java.util.Locale;
import java.util.Optional;

/** The two file formats an export is written in; both carry the same records and hashes. */
public enum ExportFormat {
    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv;charset=UTF-8", "csv");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The name used in request parameters and in the manifest: {@code ndjson} or {@code csv}. */
    public String parameterValue() {
        return extension;
    }

    public static Optional<ExportFormat> fromParameter(String value) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(value.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
