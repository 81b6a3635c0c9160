package io.mandate.query.investigation;

import io.mandate.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.mandate.query.web.FilterParameters.blankToNull;

/** Before revoking: what it would cut. */
@RestController
@RequestMapping("/api/blast-radius")
@Tag(name = "investigation")
@SecurityRequirement(name = "basic")
class BlastRadiusController {

    private final BlastRadiusQueries queries;

    BlastRadiusController(BlastRadiusQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "What revoking an agent, a user, a grant or a token would cut",
            description = "Exactly one of agent, user, grant, token. Counts the grants still standing, the live "
                    + "tokens (unexpired and not yet revoked), the users and the downstream clients it would cut, "
                    + "each with a sample of ids.")
    @ApiResponse(responseCode = "400", description = "None or several of agent, user, grant, token; or a malformed id")
    @ApiResponse(responseCode = "404", description = "Nothing is known of the target")
    BlastRadius blastRadius(@Parameter(description = "client id") @RequestParam(name = "agent", required = false) String agent,
                            @Parameter(description = "user id") @RequestParam(name = "user", required = false) String user,
                            @Parameter(description = "grant id") @RequestParam(name = "grant", required = false) String grant,
                            @Parameter(description = "jti") @RequestParam(name = "token", required = false) String token) {
        Map<Target.Kind, String> given = new EnumMap<>(Target.Kind.class);
        put(given, Target.Kind.AGENT, agent);
        put(given, Target.Kind.USER, user);
        put(given, Target.Kind.GRANT, grant);
        put(given, Target.Kind.TOKEN, token);
        if (given.size() != 1) {
            // Name what was wrong: every candidate when none was given, the clashing ones otherwise.
            List<String> names = (given.isEmpty() ? List.of(Target.Kind.values()) : new ArrayList<>(given.keySet()))
                    .stream().map(Target.Kind::parameter).toList();
            throw new InvalidParameterException(String.join(",", names),
                    "exactly one of agent, user, grant, token is required (" + given.size() + " given)");
        }
        Map.Entry<Target.Kind, String> only = given.entrySet().iterator().next();
        return queries.of(Target.parse(only.getKey(), only.getValue(), only.getKey().parameter()));
    }

    private static void put(Map<Target.Kind, String> given, Target.Kind kind, String value) {
        if (blankToNull(value) != null) {
            given.put(kind, value);
        }
    }
}
