#include "widgets/editors/scenarioeditorpanel.h"

#include "document/problemtext.h"
#include "document/workspacedocument.h"
#include "widgets/common/messagelabel.h"
#include "widgets/common/wheelguard.h"
#include "widgets/editors/flashoffloadeditor.h"
#include "widgets/editors/linktableeditor.h"
#include "widgets/editors/modeleditor.h"
#include "widgets/editors/placementeditor.h"
#include "widgets/editors/systemeditor.h"
#include "widgets/editors/tiertableeditor.h"
#include "widgets/editors/workloadeditor.h"

#include <QGroupBox>
#include <QScrollArea>
#include <QToolBox>
#include <QVBoxLayout>

namespace tierlens {

namespace {

constexpr int kMaxProblemsShown = 6;

QScrollArea* scrolled(QWidget* content, QWidget* parent)
{
    auto* area = new QScrollArea(parent);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    // Fields shrink to fit (labels elide); a scroll bar, never a clipped field, when even that is too wide.
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    area->setWidget(content);
    return area;
}

} // namespace

ScenarioEditorPanel::ScenarioEditorPanel(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , toolBox_(new QToolBox(this))
    , system_(new SystemEditor(doc, lib, this))
    , tiers_(new TierTableEditor(doc, lib, this))
    , links_(new LinkTableEditor(doc, lib, this))
    , model_(new ModelEditor(doc, lib, this))
    , placement_(new PlacementEditor(doc, this))
    , workload_(new WorkloadEditor(doc, this))
    , flash_(new FlashOffloadEditor(doc, this))
    , problems_(new MessageLabel(this))
{
    // Long forms scroll under the wheel; no field may change on the way.
    WheelGuard::install();
    auto* lastPage = new QWidget(this);
    auto* placementBox = new QGroupBox(tr("Placement"), lastPage);
    (new QVBoxLayout(placementBox))->addWidget(placement_);
    auto* workloadBox = new QGroupBox(tr("Workload"), lastPage);
    (new QVBoxLayout(workloadBox))->addWidget(workload_);
    // A group title cannot wrap: the paper's name goes to the tooltip, off the dock's width.
    auto* flashBox = new QGroupBox(tr("Dense weights on flash"), lastPage);
    flashBox->setToolTip(tr("Dense weights streamed from flash, as in LLM in a Flash"));
    (new QVBoxLayout(flashBox))->addWidget(flash_);
    auto* lastLayout = new QVBoxLayout(lastPage);
    lastLayout->setContentsMargins(0, 0, 0, 0);
    lastLayout->addWidget(placementBox);
    lastLayout->addWidget(workloadBox);
    lastLayout->addWidget(flashBox);
    lastLayout->addStretch();

    // Order matches Section.
    toolBox_->addItem(scrolled(system_, this), tr("System"));
    toolBox_->addItem(tiers_, tr("Memory tiers"));
    toolBox_->addItem(links_, tr("Interconnects"));
    toolBox_->addItem(scrolled(model_, this), tr("Model"));
    toolBox_->addItem(scrolled(lastPage, this), tr("Placement && workload"));

    problems_->setToolTip(tr("The scenario cannot be evaluated until these are fixed. Every edit can "
                             "be undone (Ctrl+Z)."));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(toolBox_, 1);
    layout->addWidget(problems_);
}

ScenarioEditorPanel::Section ScenarioEditorPanel::currentSection() const
{
    return Section(toolBox_->currentIndex());
}

void ScenarioEditorPanel::setCurrentSection(Section section)
{
    toolBox_->setCurrentIndex(int(section));
}

QString ScenarioEditorPanel::problemsText() const
{
    return problems_->text();
}

void ScenarioEditorPanel::showProblems(const Problems& problems)
{
    QStringList lines;
    for (const auto& p : problems) {
        if (lines.size() == kMaxProblemsShown) {
            lines << tr("… and %1 more").arg(qsizetype(problems.size()) - kMaxProblemsShown);
            break;
        }
        lines << problemLine(doc_->workspace(), p);
    }
    problems_->showMessage(lines.join(QLatin1Char('\n')));
}

} // namespace tierlens
