package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceTest {

    @ParameterizedTest
    @CsvSource({"cpu, -1", "CPU, -1", "cuda, 0", "cuda:0, 0", "cuda:3, 3", "' cuda:12 ', 12"})
    void parsesDeviceNames(String text, int index) {
        Device device = Device.parse(text);
        assertThat(device.cudaIndex()).isEqualTo(index);
        assertThat(Device.parse(device.toString())).isEqualTo(device);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gpu", "cuda:", "cuda:-1", "cuda:x", "cuda0", "cpu:0", "cuda:12345"})
    void rejectsOtherNames(String text) {
        assertThatThrownBy(() -> Device.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu, cuda or cuda:N").hasMessageContaining("'" + text + "'");
    }

    @Test
    void cudaWithoutTheProviderTellsHowToBuildIt() throws Exception {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            assertThatThrownBy(() -> Device.parse("cuda:1").configure(options, EnumSet.of(OrtProvider.CPU)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cuda:1").hasMessageContaining("mvn -Pcuda")
                    .hasMessageContaining("CUDA 12").hasMessageContaining("cuDNN 9");
        }
    }

    @Test
    void buildingForCudaWithTheCpuRuntimeFailsClearly() {
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "this runtime has CUDA");
        assertThatThrownBy(() -> PolicyEngine.builder(Fixtures.dir(Fixtures.LLAMA)).device("cuda").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cuda:0").hasMessageContaining("mvn -Pcuda").hasMessageContaining("cuDNN 9");
    }

    @Test
    void cpuNeedsNoProvider() throws Exception {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            Device.CPU.configure(options, EnumSet.noneOf(OrtProvider.class));
        }
    }
}
