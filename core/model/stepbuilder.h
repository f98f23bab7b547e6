#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/model/routingstats.h"

namespace tierlens {

struct OpCost;

/// Copies one operation instance's cost (FLOPs, bytes, traffic, time, energies) into its row; the
/// decode step and the prefill's attention fill their rows through it.
void fillCost(OperationRow& r, const OpCost& c);

/// Lays out the operations of one decode step (MODEL.md §2) as OperationRows: linear layers,
/// decode attention (GQA or absorbed MLA), routed experts and communication. Each row carries its
/// roofline time and tiled-traffic energy; the evaluator sums them.
class StepBuilder {
public:
    StepBuilder(const Scenario& s, int batch, double hbmBandwidthBytesPerS, const RoutingStats& routing);

    /// Lays out the prefill of `promptTokens` tokens per sequence instead of a decode step: every
    /// token GEMM and communication carries all prompt tokens (m = sequences · L_in) and attention
    /// is causal over the prompt (prefillattention.cpp). The routing passed in must be that of
    /// all the prompt tokens.
    void setPrefill(int promptTokens);

    std::vector<OperationRow> build();

private:
    struct Where {
        std::string_view layerKind;
        double perGpu;
        double total;
        EnergyPart offchip, onchip;
        LatencyPart time;
    };

    /// A GEMM whose B operand (k×n) is of class c: its bytes per element and the peak its type
    /// runs at; A and C are activations at bytes_per_param.
    GemmShape gemmShape(double m, double k, double n, WeightClass c) const;
    void addGemm(std::string_view name, const GemmShape& shape, const Where& w,
        const GemmShape* energyShape = nullptr);
    /// A GEMM with one row per token of a DP group (m = tokens): timed at the slowest group's
    /// tokens, charged energy at the mean group's.
    void addTokenGemm(std::string_view name, GemmShape shape, const Where& w);
    void addSoftmax(std::string_view layerKind, double layers);
    void addAttentionProjections();
    void addAttentionCore();
    void addCausalAttention();
    void addDenseFfn();
    void addMoeFfn();
    void addCommunication();
    void addAllReduce(std::string_view name, std::string_view layerKind, double count);

    const Scenario& s_;
    const ModelSpec& m_;
    const RoutingStats& routing_;
    double batch_;
    double bandwidth_; // HBM bytes/s seen by compute
    double tokens_; // tokens (= sequences) of the slowest DP group: ceil(B / active groups)
    double meanTokens_; // per active DP group on average: B / active groups (energy)
    int gpus_;
    int busyGpus_; // GPUs of the DP groups that have sequences
    int tp_;
    int promptTokens_ = 0; // > 0: prefill of this many tokens per sequence
    double seqs_ = 0; // sequences of the slowest DP group (= tokens_ in a decode step)
    double meanSeqs_ = 0;
    std::vector<OperationRow> rows_;
};

} // namespace tierlens
