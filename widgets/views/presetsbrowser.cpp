#include "widgets/views/presetsbrowser.h"

#include "core/data/study.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <set>

namespace tierlens {

namespace {
constexpr int kKindRole = Qt::UserRole;
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kCaseRole = Qt::UserRole + 2;

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}
} // namespace

PresetsBrowser::PresetsBrowser(const PresetLibrary& library, QWidget* parent)
    : QWidget(parent)
    , lib_(library)
    , search_(new QLineEdit(this))
    , tree_(new QTreeWidget(this))
{
    search_->setPlaceholderText(tr("Filter presets"));
    search_->setClearButtonEnabled(true);
    tree_->setHeaderHidden(true);
    tree_->setRootIsDecorated(true);
    tree_->setUniformRowHeights(true);
    // Names of one family differ at their ends ("… (NVLink4)", "… (NVLink5)"): eliding in the
    // middle keeps them apart in a narrow dock; the tooltip has the whole name.
    tree_->setTextElideMode(Qt::ElideMiddle);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(search_);
    layout->addWidget(tree_, 1);
    connect(search_, &QLineEdit::textChanged, this, &PresetsBrowser::filter);
    connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) { activate(item); });
    populate();
}

void PresetsBrowser::populate()
{
    auto group = [this](const QString& title) {
        auto* g = new QTreeWidgetItem(tree_, { title });
        g->setFlags(Qt::ItemIsEnabled);
        QFont f = g->font(0);
        f.setBold(true);
        g->setFont(0, f);
        return g;
    };
    auto add = [](QTreeWidgetItem* parent, PresetKind kind, const PresetEntry& e, const QString& text,
                   int caseIndex) {
        auto* item = new QTreeWidgetItem(parent, { text });
        item->setData(0, kKindRole, int(kind));
        item->setData(0, kIdRole, q(e.id));
        item->setData(0, kCaseRole, caseIndex);
        item->setToolTip(0,
            QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                .arg(q(e.name).toHtmlEscaped(), q(e.description).toHtmlEscaped(), q(e.id)));
    };

    // Studies: one item per model of a multi-model figure, so each loads in one click.
    auto* figures = group(tr("Figures of the reference study"));
    for (const auto* e : lib_.list(PresetKind::Study)) {
        std::vector<std::string> models;
        for (const auto& c : e->json.value("cases", nlohmann::json::array()))
            if (c.contains("label") && c["label"].is_string())
                models.push_back(c["label"].get<std::string>());
        if (models.size() <= 1)
            add(figures, PresetKind::Study, *e, q(e->name), 0);
        else
            for (std::size_t i = 0; i < models.size(); ++i)
                add(figures, PresetKind::Study, *e, q(e->name) + QStringLiteral(" — ") + q(models[i]),
                    int(i));
    }
    const std::pair<PresetKind, QString> kinds[] = {
        { PresetKind::Scenario, tr("Scenarios") },
        { PresetKind::Model, tr("Models") },
        { PresetKind::Gpu, tr("GPUs") },
        { PresetKind::System, tr("Systems") },
        { PresetKind::Tier, tr("Memory tiers") },
        { PresetKind::Link, tr("Interconnects") },
    };
    for (const auto& [kind, title] : kinds) {
        auto* g = group(title);
        for (const auto* e : lib_.list(kind))
            add(g, kind, *e, q(e->name), 0);
    }
    tree_->expandAll();
}

void PresetsBrowser::filter(const QString& text)
{
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* g = tree_->topLevelItem(i);
        int shown = 0;
        for (int j = 0; j < g->childCount(); ++j) {
            QTreeWidgetItem* c = g->child(j);
            const bool match = text.isEmpty() || c->text(0).contains(text, Qt::CaseInsensitive)
                || c->data(0, kIdRole).toString().contains(text, Qt::CaseInsensitive);
            c->setHidden(!match);
            shown += match ? 1 : 0;
        }
        g->setHidden(shown == 0);
    }
}

void PresetsBrowser::activate(QTreeWidgetItem* item)
{
    if (!item || !item->data(0, kIdRole).isValid())
        return;
    emit presetActivated(PresetKind(item->data(0, kKindRole).toInt()), item->data(0, kIdRole).toString(),
        item->data(0, kCaseRole).toInt());
}

int PresetsBrowser::itemCount() const
{
    int n = 0;
    for (int i = 0; i < tree_->topLevelItemCount(); ++i)
        n += tree_->topLevelItem(i)->childCount();
    return n;
}

} // namespace tierlens
