/** The MLflow alias of the model version scoring uses: training moves it on promotion, scoring loads the version it names. */
export const CHAMPION_ALIAS = 'champion';
