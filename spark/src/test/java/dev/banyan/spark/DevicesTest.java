package dev.banyan.spark;

import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevicesTest {
    private static final Map<String, ResourceInformation> TWO_GPUS =
            Map.of("gpu", new ResourceInformation("gpu", new String[] {"1", "3"}));

    @Test
    void aTaskRunsOnTheFirstGpuSparkAssignedIt() {
        assertThat(Devices.choose(null, TWO_GPUS)).isEqualTo("cuda:1");
    }

    @Test
    void withoutAGpuTheModelDecides() {
        assertThat(Devices.choose(null, Map.of())).isNull();
        assertThat(Devices.choose(null, null)).isNull();
    }

    @Test
    void anExplicitDeviceWins() {
        assertThat(Devices.choose("cpu", TWO_GPUS)).isEqualTo("cpu");
    }
}
