package io.mandate.query.index;

import io.mandate.query.web.BackendUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrentReadsTest {

    private final ConcurrentReads reads = new ConcurrentReads(2, 1);

    @AfterEach
    void stop() {
        reads.destroy();
    }

    @Test
    void startWhenTwoReadsWaitForEachOtherThenBothFinish() {
        // Each read only finishes once the other has started: run one after the other, both would time out.
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        ConcurrentReads.Pending<Boolean> a = reads.start(() -> {
            first.countDown();
            return await(second);
        });
        ConcurrentReads.Pending<Boolean> b = reads.start(() -> {
            second.countDown();
            return await(first);
        });

        assertThat(a.join()).isTrue();
        assertThat(b.join()).isTrue();
    }

    @Test
    void joinWhenTheReadFailedThenItsOwnExceptionNotAWrapper() {
        BackendUnavailableException failure = new BackendUnavailableException("reading tokens failed", null);

        ConcurrentReads.Pending<String> pending = reads.start(() -> {
            throw failure;
        });

        assertThatThrownBy(pending::join).isSameAs(failure);
    }

    @Test
    void startWhenThePoolAndItsQueueAreFullThenTheCallerRunsTheRead() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        ConcurrentReads.Pending<Boolean> blocked1 = reads.start(() -> {
            busy.countDown();
            return await(release);
        });
        ConcurrentReads.Pending<Boolean> blocked2 = reads.start(() -> {
            busy.countDown();
            return await(release);
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        ConcurrentReads.Pending<String> queued = reads.start(() -> Thread.currentThread().getName());

        ConcurrentReads.Pending<String> overflow = reads.start(() -> Thread.currentThread().getName());

        assertThat(overflow.join()).isEqualTo(Thread.currentThread().getName());
        release.countDown();
        assertThat(queued.join()).startsWith("es-read-");
        assertThat(blocked1.join()).isTrue();
        assertThat(blocked2.join()).isTrue();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
