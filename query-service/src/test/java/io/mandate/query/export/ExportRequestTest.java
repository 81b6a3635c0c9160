package io.mandate.query.export;

import io.mandate.export.format.ExportFormat;
import io.mandate.query.web.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportRequestTest {

    @Test
    void parametersWhenWellFormedThenRangeFormatAndSortedTypeFilter() {
        ExportRequest request = ExportRequest.parse("2026-11-01T01:00:00+01:00", "2026-11-02", "CSV", " ", "agent-1",
                List.of("TokenExchanged,GrantCreated", "GrantCreated"), "grt_1");

        assertThat(request.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(request.to()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(request.format()).isEqualTo(ExportFormat.CSV);
        assertThat(request.user()).isNull();
        assertThat(request.filtersJson().toString())
                .isEqualTo("{\"client\":\"agent-1\",\"type\":[\"GrantCreated\",\"TokenExchanged\"],\"grantId\":\"grt_1\"}");
    }

    @Test
    void formatWhenAbsentThenNdjsonAndNoFiltersAnEmptyObject() {
        ExportRequest request = ExportRequest.parse("2026-11-01T00:00:00Z", "2026-11-01T00:00:00.001Z", null, null,
                null, null, null);

        assertThat(request.format()).isEqualTo(ExportFormat.NDJSON);
        assertThat(request.filtersJson().toString()).isEqualTo("{}");
    }

    @Test
    void parametersWhenMalformedThenTheOffendingOneIsNamed() {
        assertParameter(() -> ExportRequest.parse(null, "2026-11-02", null, null, null, null, null), "from");
        assertParameter(() -> ExportRequest.parse("2026-11-01", "tomorrow", null, null, null, null, null), "to");
        assertParameter(() -> ExportRequest.parse("2026-11-01T00:00:00", "2026-11-02", null, null, null, null, null),
                "from");
        assertParameter(() -> ExportRequest.parse("2026-11-02", "2026-11-02", null, null, null, null, null), "to");
        assertParameter(() -> ExportRequest.parse("2026-11-01", "2026-11-02", "json", null, null, null, null), "format");
        assertParameter(() -> ExportRequest.parse("2026-11-01", "2026-11-02", null, null, null,
                List.of("GrantCreated,grantcreated"), null), "type");
    }

    private static void assertParameter(Runnable parse, String parameter) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.parameter()).isEqualTo(parameter));
    }
}
