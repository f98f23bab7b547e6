#include "widgets/editors/modelprecisioneditor.h"

#include "core/data/datatype.h"
#include "core/data/modelspec.h"
#include "document/workspacedocument.h"

#include <QComboBox>
#include <QFormLayout>

namespace tierlens {

namespace {

QString classHelp(WeightClass c)
{
    switch (c) {
    case WeightClass::Experts:
        return QObject::tr("The routed experts: their bytes set the expert copy from an offload tier, "
                           "its energy and time, and the HBM reads of the expert GEMMs.");
    case WeightClass::Dense:
        return QObject::tr("Attention projections, dense FFN, shared experts and the router.");
    case WeightClass::Embeddings:
        return QObject::tr("Token embeddings and LM head: they count towards HBM capacity (the step "
                           "leaves them out, as the reference does).");
    case WeightClass::KvCache:
        return QObject::tr("The KV cache (MLA: the latent cache): read by decode attention, which "
                           "dequantizes it and runs at the BF16 peak, and held in HBM.");
    case WeightClass::Count:
        break;
    }
    return {};
}

} // namespace

ModelPrecisionEditor::ModelPrecisionEditor(WorkspaceDocument* doc, QWidget* parent)
    : QGroupBox(tr("Data types"), parent)
    , doc_(doc)
{
    auto* form = new QFormLayout(this);
    const QString energyNote = tr("Energy per MAC stays the GPU's one figure, its BF16 one: an "
                                  "assumption for narrower types.");
    for (int i = 0; i < kWeightClassCount; ++i) {
        const auto c = static_cast<WeightClass>(i);
        auto* box = new QComboBox(this);
        // Narrow enough for the editor panel at 1024 pixels: the list pops up at full width.
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
        box->addItem(tr("As bytes per weight"));
        box->setItemData(0, tr("Follows the model's bytes_per_param, at the BF16 peak."), Qt::ToolTipRole);
        for (DataType t : allDataTypes()) {
            box->addItem(QString::fromLatin1(dataTypeName(t)), static_cast<int>(t));
            box->setItemData(box->count() - 1, QString::fromUtf8(dataTypeDescription(t)), Qt::ToolTipRole);
        }
        box->setToolTip(classHelp(c) + QLatin1Char(' ') + energyNote);
        connect(box, &QComboBox::activated, this, [this, i](int row) { choose(i, row); });
        combos_[static_cast<std::size_t>(i)] = box;
        // Short labels keep the panel narrow; the tooltip says what each class holds.
        static const char* const shortLabels[] = { QT_TR_NOOP("Experts"), QT_TR_NOOP("Other weights"),
            QT_TR_NOOP("Embeddings"), QT_TR_NOOP("KV cache") };
        form->addRow(tr(shortLabels[i]), box);
    }
    connect(doc_, &WorkspaceDocument::changed, this, &ModelPrecisionEditor::refresh);
    refresh();
}

void ModelPrecisionEditor::choose(int weightClass, int row)
{
    const auto c = static_cast<WeightClass>(weightClass);
    const QVariant chosen = combos_[static_cast<std::size_t>(weightClass)]->itemData(row);
    const std::optional<DataType> t
        = chosen.isValid() ? std::optional<DataType>(static_cast<DataType>(chosen.toInt())) : std::nullopt;
    if (doc_->scenario().model.precision.of(c) == t)
        return;
    doc_->edit(tr("Set %1 data type").arg(QString::fromUtf8(weightClassLabel(c)).toLower()),
        [c, t](Workspace& w) { w.scenario.model.precision.set(c, t); });
}

void ModelPrecisionEditor::refresh()
{
    const ModelPrecision& p = doc_->scenario().model.precision;
    for (int i = 0; i < kWeightClassCount; ++i) {
        QComboBox* box = combos_[static_cast<std::size_t>(i)];
        const QSignalBlocker block(box);
        const auto t = p.of(static_cast<WeightClass>(i));
        box->setCurrentIndex(t ? box->findData(static_cast<int>(*t)) : 0);
    }
}

} // namespace tierlens
