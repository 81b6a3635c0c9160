package io.mandate.system;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One round of the revocation race: a fresh user, agent and grant; a parent token (agent → MCP
 * server); then the MCP server's threads exchange that parent for the API as fast as they can
 * while, after a random number of attempts, the responder (or the token's holder) revokes at the
 * round's grain. Then every token the round issued is introspected by the API.
 */
final class RaceRound {

    /** What a round revokes. */
    enum Grain { GRANT, USER, CLIENT, TOKEN }

    /** One exchange attempt: send and answer times ({@link System#nanoTime}), status, error code, token. */
    record Attempt(long sentAt, long answeredAt, int status, String error, String token) {
    }

    /** A round's record: its attempts, when the revocation was sent and when it returned, the parent. */
    record Outcome(Grain grain, List<Attempt> attempts, long revocationSentAt, long revocationReturnedAt,
                   String parentToken) {
    }

    private final RaceStage stage;
    private final Grain grain;
    private final String userId;
    private final ClientCredential agent;
    private final String grantId;

    private RaceRound(RaceStage stage, Grain grain, String userId, ClientCredential agent, String grantId) {
        this.stage = stage;
        this.grain = grain;
        this.userId = userId;
        this.agent = agent;
        this.grantId = grantId;
    }

    /** Registers the round's agent and grant through the command API (the issuer learns them from Kafka). */
    static RaceRound setUp(RaceStage stage, int number, Grain grain) {
        String userId = "race-user-" + stage.run + "-" + number;
        ClientCredential agent = stage.admin.registerWithSecret("race-agent-" + stage.run + "-" + number, "AGENT",
                RaceStage.SCOPES, List.of());
        String grantId = stage.admin.createGrant(userId, agent.clientId(), stage.apiUri, RaceStage.SCOPES,
                RaceStage.POLICY);
        return new RaceRound(stage, grain, userId, agent, grantId);
    }

    String grantId() {
        return grantId;
    }

    ClientCredential agent() {
        return agent;
    }

    /** Runs the round: {@code budget} attempts in all, the revocation sent just before attempt {@code revokeAt}. */
    Outcome run(int budget, int revokeAt) {
        OAuthClient.Response parent = stage.oauth.exchange(agent, stage.mandate.userToken(userId),
                OAuthClient.JWT_TOKEN_TYPE, stage.mcpUri, null);
        assertThat(parent.status()).as("the round's parent token: %s", parent).isEqualTo(200);
        String parentToken = parent.accessToken();
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch trigger = new CountDownLatch(1);
        Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        long[] revocation = new long[2];
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < stage.threads; i++) {
            tasks.add(() -> {
                for (int n = sent.incrementAndGet(); n <= budget; n = sent.incrementAndGet()) {
                    if (n == revokeAt) {
                        trigger.countDown();
                    }
                    attempts.add(exchange(parentToken));
                }
                return null;
            });
        }
        tasks.add(() -> {
            assertThat(trigger.await(5, TimeUnit.MINUTES)).as("attempt %d was reached", revokeAt).isTrue();
            revocation[0] = System.nanoTime();
            revoke(parentToken);
            revocation[1] = System.nanoTime();
            return null;
        });
        stage.runAll(tasks);
        return new Outcome(grain, List.copyOf(attempts), revocation[0], revocation[1], parentToken);
    }

    private Attempt exchange(String parentToken) {
        long sentAt = System.nanoTime();
        try {
            OAuthClient.Response response = stage.oauth.exchange(stage.mcp, parentToken, OAuthClient.ACCESS_TOKEN_TYPE,
                    stage.apiUri, "race.read");
            return new Attempt(sentAt, System.nanoTime(), response.status(), response.error(), response.accessToken());
        } catch (UncheckedIOException e) {
            return new Attempt(sentAt, System.nanoTime(), -1, "io: " + e.getCause().getMessage(), null);
        }
    }

    /** Returns only once the revocation has been acknowledged to its caller. */
    private void revoke(String parentToken) {
        switch (grain) {
            case GRANT -> stage.admin.revokeGrant(grantId);
            case USER -> stage.admin.revokeUser(userId);
            case CLIENT -> stage.admin.revokeClient(agent.clientId());
            case TOKEN -> {
                OAuthClient.Response revoked = stage.oauth.revoke(agent, parentToken);
                assertThat(revoked.status()).as("RFC 7009 revocation by the holder: %s", revoked).isEqualTo(200);
            }
        }
    }
}
