// Registers the module list (texts, navigation, privacy parts) for test files that use a module without building the app.
import '../src/modules/index.ts';
