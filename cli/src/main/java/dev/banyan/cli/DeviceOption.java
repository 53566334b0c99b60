package dev.banyan.cli;

import picocli.CommandLine.Option;

/** {@code --device}: where the ONNX models run, for the commands that search with one model or several. */
final class DeviceOption {
    @Option(names = "--device", paramLabel = "DEVICE",
            description = "Where the ONNX models run: cpu, cuda or cuda:N (CUDA needs a build with -Pcuda). "
                    + "Default: the model's banyan.json setting, else cpu.")
    String device;
}
