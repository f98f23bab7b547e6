#pragma once

#include <QLabel>

namespace tierlens {

/// A red, word-wrapped line for what went wrong (a refused edit, rejected text, validator
/// problems); hidden while there is nothing to say.
class MessageLabel : public QLabel {
    Q_OBJECT
public:
    explicit MessageLabel(QWidget* parent = nullptr);

    void showMessage(const QString& text);
};

} // namespace tierlens
