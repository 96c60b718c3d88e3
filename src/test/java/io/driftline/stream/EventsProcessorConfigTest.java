package io.driftline.stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventsProcessorConfigTest {

    @Test
    void theInputChannelWithoutThePartitionFramingInterceptorIsRefusedAtStartWithTheSettingToFix() {
        assertThatThrownBy(() -> new EventsProcessor(null, null, null, null, null, null, "io.driftline.stream.JoinFlowInterceptor"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mp.messaging.incoming.events-in.interceptor.classes")
                .hasMessageContaining(PolledPartitionInterceptor.class.getName())
                .hasMessageContaining("'io.driftline.stream.JoinFlowInterceptor'");
        assertThatThrownBy(() -> new EventsProcessor(null, null, null, null, null, null, ""))
                .hasMessageContaining("it is unset");
        assertThatCode(() -> new EventsProcessor(null, null, null, null, null, null,
                "io.driftline.stream.JoinFlowInterceptor," + PolledPartitionInterceptor.class.getName()))
                .doesNotThrowAnyException();
    }
}
