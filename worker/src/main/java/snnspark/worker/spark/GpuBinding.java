package snnspark.worker.spark;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds the current task's ND4J work to the GPU Spark assigned it ({@code
 * spark.task.resource.gpu.amount}), so tasks sharing an executor do not all land on device 0. A
 * no-op outside a task, without GPU resources, or on the CPU backend.
 */
public final class GpuBinding {
  private GpuBinding() {}

  /** Binds this thread to the task's first assigned GPU; returns its address, or -1 if none. */
  public static int bindToAssignedGpu() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return -1;
    }
    Map<String, ResourceInformation> resources = task.resourcesJMap();
    ResourceInformation gpu = resources.get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return -1;
    }
    int device = Integer.parseInt(gpu.addresses()[0].strip());
    if (Nd4j.getAffinityManager().getNumberOfDevices() > device) {
      Nd4j.getAffinityManager().unsafeSetDevice(device);
      return device;
    }
    return -1;
  }
}
