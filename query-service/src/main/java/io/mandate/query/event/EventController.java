package io.mandate.query.event;

import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit timeline of one aggregate (a grant today; clients and token lineages later). */
@RestController
@RequestMapping("/api/events")
@Tag(name = "events")
@SecurityRequirement(name = "basic")
class EventController {

    private final EventQueries queries;

    EventController(EventQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Events of one aggregate, oldest first")
    ResultPage<EventDocument> timeline(@RequestParam(name = "aggregateId") @NotBlank String aggregateId,
                                       @RequestParam(name = "page", defaultValue = "0") int page,
                                       @RequestParam(name = "size", defaultValue = "100") int size) {
        return queries.timeline(aggregateId, new Paging(page, size));
    }
}
