package io.mandate.query.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Settings of the compliance export ({@code mandate.query.export.*}).
 *
 * @param keyDirectory where the export signing key lives ({@code MANDATE_EXPORT_KEY_DIR}): {@code active.jwk}
 *                     (private, mode 600, created at first start) and {@code retired/*.jwk} (still published,
 *                     so manifests they signed stay verifiable); every instance must see the same folder
 * @param pageSize     events read per point-in-time page: memory per running export is about this many events
 * @param issuer       the name manifests give their writer
 */
@ConfigurationProperties("mandate.query.export")
record ExportProperties(@DefaultValue("export-keys") Path keyDirectory,
                        @DefaultValue("5000") int pageSize,
                        @DefaultValue("mandate-query-service") String issuer) {

    ExportProperties {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("mandate.query.export.page-size must be between 1 and 10000");
        }
    }
}
