package io.mandate.query.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.query.investigation.BlastRadius;
import io.mandate.query.investigation.BlastRadiusQueries;
import io.mandate.query.investigation.Target;
import io.mandate.query.token.TokenDocument;
import io.mandate.query.token.TokenReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-click revocation: computes the blast radius, forwards the revocation to the command-service,
 * then waits (bounded) until every configured token-issuer and this query side show it in force.
 *
 * <p>Who did it: the command-service records its caller as {@code revokedBy}, and the query-service
 * calls it with one service credential; so the responder's own name is put at the start of the
 * recorded reason ({@code [by <responder> via query-service] <reason>}), which every revocation
 * event carries (and the cascade's {@code GrantRevoked} events repeat).
 */
@Component
class RevocationAction {

    private static final Logger log = LoggerFactory.getLogger(RevocationAction.class);

    private final BlastRadiusQueries blastRadius;
    private final CommandServiceClient commandService;
    private final TokenReader tokens;
    private final List<EffectProbe> probes;
    private final RecordedEvents recordedEvents;
    private final ActionProperties properties;

    RevocationAction(BlastRadiusQueries blastRadius, CommandServiceClient commandService, TokenReader tokens,
                     QuerySideProbe querySide, RecordedEvents recordedEvents, ActionProperties properties,
                     ObjectMapper json, Clock clock) {
        this.blastRadius = blastRadius;
        this.commandService = commandService;
        this.tokens = tokens;
        this.recordedEvents = recordedEvents;
        this.properties = properties;
        ActionProperties.Issuers issuers = properties.issuers();
        ServiceHttp issuerHttp = new ServiceHttp(json, issuers.username(), issuers.password(), properties.requestTimeout());
        List<EffectProbe> all = new ArrayList<>();
        issuers.urls().forEach(url -> all.add(new IssuerProbe(url, issuerHttp, clock)));
        all.add(querySide);
        this.probes = List.copyOf(all);
    }

    /** The reason as recorded: it names the responder, since revokedBy names the service credential. */
    static String auditedReason(String responder, String reason) {
        return "[by " + responder + " via query-service] " + reason;
    }

    ActionResult revoke(Target target, String reason, String responder, String idempotencyKey) {
        BlastRadius radius = blastRadius.of(target);
        TokenDocument token = target.kind() == Target.Kind.TOKEN ? tokens.find(target.id()).orElseThrow() : null;
        Recorded recorded = commandService.revoke(target, auditedReason(responder, reason),
                idempotencyKey == null ? null : responder + ":" + idempotencyKey);
        log.info("Revocation of {} {} forwarded for {} ({}); waiting for the issuers", target.kind(), target.id(),
                responder, recorded.written() ? recorded.event() : "already in force");

        long started = System.nanoTime();
        long deadline = started + properties.effectTimeout().toNanos();
        Map<String, Confirmation> latest = new LinkedHashMap<>();
        while (true) {
            for (EffectProbe probe : probes) {
                Confirmation before = latest.get(probe.where());
                if (before == null || !before.confirmed()) {
                    latest.put(probe.where(), safeCheck(probe, target, recorded, token));
                }
            }
            boolean effective = latest.values().stream().allMatch(Confirmation::confirmed);
            if (effective || System.nanoTime() >= deadline) {
                long waitedMs = (System.nanoTime() - started) / 1_000_000;
                return new ActionResult(target, radius, events(recorded), recorded.written() ? null : recorded,
                        effective, waitedMs, List.copyOf(latest.values()));
            }
            sleep();
        }
    }

    private static Confirmation safeCheck(EffectProbe probe, Target target, Recorded recorded, TokenDocument token) {
        try {
            return probe.check(target, recorded, token);
        } catch (RuntimeException e) {
            // An unreachable Elasticsearch or a malformed answer is "not confirmed yet", not a failed action:
            // the revocation is recorded already.
            return Confirmation.no(probe.where(), "check failed: " + e.getClass().getSimpleName());
        }
    }

    private List<ActionResult.RecordedEvent> events(Recorded recorded) {
        if (!recorded.written()) {
            return List.of();
        }
        String eventId;
        try {
            eventId = recordedEvents.eventId(recorded).orElse(null);
        } catch (RuntimeException e) {
            eventId = null;
        }
        return List.of(new ActionResult.RecordedEvent(recorded.event(), recorded.aggregateId(), eventId, recorded.at(),
                recorded.by(), recorded.reason()));
    }

    private void sleep() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the revocation to take effect", e);
        }
    }
}
