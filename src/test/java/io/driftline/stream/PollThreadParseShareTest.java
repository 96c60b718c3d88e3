package io.driftline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PollThreadParseShareTest {

    @Test
    void theShareRisesWhileTheEventLoopIsBusyAndFallsWhileItIsIdleWithinNoneAndAll() {
        PollThreadParseShare share = new PollThreadParseShare();
        assertThat(share.nextPoll()).isZero(); // idle at the start: the event loop parses everything
        share.eventLoopBusy(true);
        for (int poll = 1; poll <= 16; poll++) {
            assertThat(share.nextPoll()).isEqualTo(poll);
        }
        assertThat(share.nextPoll()).isEqualTo(PollThreadParseShare.WHOLE);
        share.eventLoopBusy(false);
        assertThat(share.nextPoll()).isEqualTo(13); // an idle event loop takes back three sixteenths at a time
        assertThat(share.nextPoll()).isEqualTo(10);
        for (int poll = 0; poll < 20; poll++) {
            share.nextPoll();
        }
        assertThat(share.nextPoll()).isZero();
    }

    @Test
    void thePollThreadTakesTheLastRecordsOfAPartitionRoundedDown() {
        assertThat(PollThreadParseShare.firstToParse(5000, 0)).isEqualTo(5000);
        assertThat(PollThreadParseShare.firstToParse(5000, 5)).isEqualTo(5000 - 1562);
        assertThat(PollThreadParseShare.firstToParse(5000, 16)).isZero();
        assertThat(PollThreadParseShare.firstToParse(3, 5)).isEqualTo(3); // a small poll stays with the event loop
        assertThat(PollThreadParseShare.firstToParse(0, 8)).isZero();
    }
}
