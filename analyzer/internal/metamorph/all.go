package metamorph

// All is every transformation, by name. To add one, write its Sites
// function and add a line here.
var All = []Transformation{
	{Name: "define-to-var", Sites: defineToVar},
	{Name: "define-to-var-block", Sites: defineToVarBlock},
	{Name: "define-to-typed-var", Sites: defineToTypedVar},
	{Name: "var-to-define", Sites: varToDefine},
	{Name: "if-init-block", Sites: ifInitBlock},
	{Name: "if-init-flat", Sites: ifInitFlat},
	{Name: "if-init-fold", Sites: ifInitFold},
	{Name: "negate-swap", Sites: negateSwap},
	{Name: "negate-no-else", Sites: negateNoElse},
	{Name: "return-to-else", Sites: returnToElse},
	{Name: "else-to-return", Sites: elseToReturn},
	{Name: "switch-to-if", Sites: switchToIf},
	{Name: "paren-cond", Sites: parenCond},
	{Name: "paren-value", Sites: parenValue},
	{Name: "paren-args", Sites: parenArgs},
	{Name: "literal-to-var", Sites: literalToVar},
	{Name: "var-to-literal", Sites: varToLiteral},
	{Name: "literal-to-func", Sites: literalToFunc},
	{Name: "literal-to-method", Sites: literalToMethod},
	{Name: "func-to-literal", Sites: funcToLiteral},
	{Name: "closure-wrap", Sites: closureWrap},
	{Name: "rename", Sites: rename, Renames: renamed},
	{Name: "group-new", Sites: groupNew},
	{Name: "group-addr", Sites: groupAddr},
	{Name: "group-field", Sites: groupField},
}

// ByName returns the transformation called name.
func ByName(name string) (Transformation, bool) {
	for _, t := range All {
		if t.Name == name {
			return t, true
		}
	}
	return Transformation{}, false
}
