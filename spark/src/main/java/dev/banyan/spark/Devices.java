package dev.banyan.spark;

import org.apache.spark.resource.ResourceInformation;

import java.util.Map;

/** Where a task's models run. */
final class Devices {
    /** The resource name Spark's GPU scheduling uses ({@code spark.task.resource.gpu.amount}). */
    static final String GPU = "gpu";

    private Devices() {
    }

    /**
     * The device for a task: {@code explicit} when given; else the first GPU Spark assigned the task, as
     * {@code cuda:ADDRESS} (the address is the CUDA device ordinal the discovery script reported); else null, which
     * leaves it to the model's {@code banyan.json}, else the CPU.
     */
    static String choose(String explicit, Map<String, ResourceInformation> resources) {
        if (explicit != null) {
            return explicit;
        }
        ResourceInformation gpus = resources == null ? null : resources.get(GPU);
        if (gpus == null || gpus.addresses().length == 0) {
            return null;
        }
        return "cuda:" + gpus.addresses()[0].strip();
    }
}
